import { describe, expect, it } from "vitest";
import { gradeLabel, schoolYearEnd } from "./byline";
import {
  currentVolume,
  groupByPosition,
  insertionIndex,
  moveItem,
  normalizePosition,
  samePosition,
  schoolYearDates,
  schoolYearName,
  volumeContains,
  volumeReferenceDate,
} from "./masthead";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const v13 = { number: 13, startsOn: d("2023-08-01"), endsOn: d("2024-07-31") };
const v14 = { number: 14, startsOn: d("2024-08-01"), endsOn: d("2025-07-31") };
const v16 = { number: 16, startsOn: d("2027-08-01"), endsOn: d("2028-07-31") };

describe("volume dates", () => {
  it("contain every day from the first to the last, inclusive", () => {
    expect(volumeContains(v14, d("2024-08-01"))).toBe(true);
    expect(volumeContains(v14, new Date("2025-07-31T23:59:59Z"))).toBe(true);
    expect(volumeContains(v14, d("2025-08-01"))).toBe(false);
    expect(volumeContains(v14, new Date("2024-07-31T23:59:59Z"))).toBe(false);
  });

  it("grades a volume in its own school year, whatever the start month", () => {
    // Graduating in 2026: Grade 11 in 2024-25 (Volume 14), Grade 10 in 2023-24 (Volume 13).
    expect(gradeLabel(2026, volumeReferenceDate(v14), 8)).toBe("Grade 11");
    expect(gradeLabel(2026, volumeReferenceDate(v13), 8)).toBe("Grade 10");
    // A school year that starts in September with a volume dated from late August.
    const lateAugust = { startsOn: d("2024-08-25"), endsOn: d("2025-06-20") };
    expect(gradeLabel(2026, volumeReferenceDate(lateAugust), 9)).toBe("Grade 11");
    // Dates entered the wrong way round still give a date inside the range's start.
    expect(volumeReferenceDate({ startsOn: d("2024-08-01"), endsOn: d("2024-01-01") })).toEqual(d("2024-08-01"));
  });
});

describe("school years", () => {
  it("run from the 1st of the start month to the day before the next start, named by both years", () => {
    expect(schoolYearDates(2027, 8)).toEqual({ startsOn: d("2026-08-01"), endsOn: d("2027-07-31") });
    expect(schoolYearName(2027, 8)).toBe("2026-27");
    expect(schoolYearDates(2000, 9)).toEqual({ startsOn: d("1999-09-01"), endsOn: d("2000-08-31") });
    expect(schoolYearName(2000, 9)).toBe("1999-00");
    // A leap year's February is inside a March start's year.
    expect(schoolYearDates(2029, 3)).toEqual({ startsOn: d("2028-03-01"), endsOn: d("2029-02-28") });
    // A January start: one calendar year, named by it.
    expect(schoolYearDates(2027, 1)).toEqual({ startsOn: d("2026-01-01"), endsOn: d("2026-12-31") });
    expect(schoolYearName(2027, 1)).toBe("2026");
  });

  it("are the years schoolYearEnd numbers: every day of one has its number, the days around it do not", () => {
    for (const startMonth of [1, 3, 8, 9, 12]) {
      const { startsOn, endsOn } = schoolYearDates(2027, startMonth);
      expect(schoolYearEnd(startsOn, startMonth)).toBe(2027);
      expect(schoolYearEnd(new Date(endsOn.getTime() + 86_399_000), startMonth)).toBe(2027);
      expect(schoolYearEnd(new Date(startsOn.getTime() - 1000), startMonth)).toBe(2026);
      expect(schoolYearEnd(new Date(endsOn.getTime() + 86_400_000), startMonth)).toBe(2028);
      expect(volumeContains({ startsOn, endsOn }, volumeReferenceDate({ startsOn, endsOn }))).toBe(true);
    }
  });
});

describe("currentVolume", () => {
  it("is the volume whose dates contain today", () => {
    expect(currentVolume([v13, v14, v16], d("2024-12-01"))?.number).toBe(14);
    expect(currentVolume([v13, v14, v16], d("2023-12-01"))?.number).toBe(13);
  });

  it("else the latest volume that has started, not a planned one", () => {
    expect(currentVolume([v13, v14, v16], d("2026-12-01"))?.number).toBe(14);
    expect(currentVolume([v13, v14], d("2030-01-01"))?.number).toBe(14);
  });

  it("else the earliest planned volume, and none without volumes", () => {
    expect(currentVolume([v16, v14], d("2020-01-01"))?.number).toBe(14);
    expect(currentVolume([], d("2020-01-01"))).toBeNull();
  });
});

describe("positions", () => {
  it("are trimmed and compared without regard to case or spacing", () => {
    expect(normalizePosition("  Staff   Writer ")).toBe("Staff Writer");
    expect(samePosition("staff writer", "Staff  Writer")).toBe(true);
    expect(samePosition("Staff Writer", "Staff Photographer")).toBe(false);
  });

  it("group entries in rank order, groups in order of first appearance", () => {
    const entries = [
      { id: "c", position: "Staff Writer", rank: 2 },
      { id: "a", position: "Editor-in-Chief", rank: 0 },
      { id: "d", position: "Faculty Adviser", rank: 3 },
      { id: "b", position: "staff writer", rank: 1 },
    ];
    const groups = groupByPosition(entries);
    expect(groups.map((g) => g.position)).toEqual(["Editor-in-Chief", "staff writer", "Faculty Adviser"]);
    expect(groups.map((g) => g.entries.map((e) => e.id))).toEqual([["a"], ["b", "c"], ["d"]]);
  });

  it("new entries go after the last of their position, else at the end", () => {
    const list = [{ position: "Editor-in-Chief" }, { position: "Staff Writer" }, { position: "Staff Writer" }, { position: "Faculty Adviser" }];
    expect(insertionIndex(list, "staff writer")).toBe(3);
    expect(insertionIndex(list, "Editor-in-Chief")).toBe(1);
    expect(insertionIndex(list, "Photographer")).toBe(4);
    expect(insertionIndex([], "Photographer")).toBe(0);
  });
});

describe("moveItem", () => {
  it("swaps with the neighbour, and leaves the ends alone", () => {
    expect(moveItem(["a", "b", "c"], 1, "up")).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 1, "down")).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, "up")).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 2, "down")).toEqual(["a", "b", "c"]);
    expect(moveItem(["a", "b", "c"], 7, "up")).toEqual(["a", "b", "c"]);
  });
});

import { describe, expect, it } from "vitest";
import { joinNames, publishButtonLabel, shortWeekdayTime, shortWeekdayTimeAt, transitionButtonLabel, transitionDoneMessage } from "./workflow-copy";
import { STATUS } from "./workflow";

describe("the publish button's schedule label", () => {
  it("names the short weekday and the time of the entered wall-clock time", () => {
    // 1 December 2026 is a Tuesday.
    expect(publishButtonLabel("2026-12-01T08:00")).toBe("Schedule for Tue 8:00");
    expect(publishButtonLabel("2026-12-06T23:05")).toBe("Schedule for Sun 23:05");
    expect(shortWeekdayTime("2028-02-29T00:30")).toBe("Tue 0:30");
  });
  it("says Publish while no complete, real time is entered", () => {
    expect(publishButtonLabel("")).toBe("Publish");
    expect(publishButtonLabel("2026-12-01")).toBe("Publish");
    expect(publishButtonLabel("2026-02-30T08:00")).toBe("Publish");
    expect(publishButtonLabel("2026-12-01T24:00")).toBe("Publish");
  });
  it("reads an instant in the publication's zone, not the server's", () => {
    // 23:00 UTC on Monday 30 November is 8:00 on Tuesday in Seoul.
    expect(shortWeekdayTimeAt(new Date("2026-11-30T23:00:00Z"), "Asia/Seoul")).toBe("Tue 8:00");
    expect(shortWeekdayTimeAt(new Date("2026-11-30T23:00:00Z"), "America/New_York")).toBe("Mon 18:00");
  });
});

describe("transition labels and messages", () => {
  it("calls unpublish on a scheduled story Cancel schedule, and nowhere else", () => {
    expect(transitionButtonLabel("unpublish", STATUS.SCHEDULED, "Unpublish")).toBe("Cancel schedule");
    expect(transitionButtonLabel("unpublish", STATUS.PUBLISHED, "Unpublish")).toBe("Unpublish");
    expect(transitionButtonLabel("publish", STATUS.SCHEDULED, "Publish")).toBe("Publish");
  });
  it("joins names as a sentence does", () => {
    expect(joinNames([])).toBe("");
    expect(joinNames(["Minji Kim"])).toBe("Minji Kim");
    expect(joinNames(["Minji Kim", "Hana Park"])).toBe("Minji Kim and Hana Park");
    expect(joinNames(["A", "B", "C"])).toBe("A, B and C");
  });
  it("says what happened and who was told", () => {
    expect(transitionDoneMessage({ action: "submit", to: STATUS.SUBMITTED, notified: ["Minji Kim", "Hana Park"] })).toBe(
      "Submitted for review. Minji Kim and Hana Park were notified.",
    );
    expect(transitionDoneMessage({ action: "approve", to: STATUS.APPROVED, notified: ["Jaehoon Song"] })).toBe("Approved. Jaehoon Song was notified.");
    expect(transitionDoneMessage({ action: "publish", to: STATUS.SCHEDULED, notified: [], scheduledFor: "Tue 8:00" })).toBe(
      "Scheduled for Tue 8:00. Nobody else needed to be told.",
    );
    expect(transitionDoneMessage({ action: "unpublish", to: STATUS.APPROVED, notified: ["A"] })).toBe(
      "Schedule cancelled: the story is approved and waits for a publish. A was notified.",
    );
  });
});

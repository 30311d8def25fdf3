import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, fromLocalInput, toLocalInput } from "./time";

describe("fromLocalInput", () => {
  it("reads the value as wall-clock time in the publication's zone", () => {
    expect(fromLocalInput("2026-12-01T08:00", "Asia/Seoul")?.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    expect(fromLocalInput("2026-12-01T08:00", "UTC")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(fromLocalInput("2026-07-01T08:00", "America/New_York")?.toISOString()).toBe("2026-07-01T12:00:00.000Z");
    expect(fromLocalInput("2026-12-01T08:00", "America/New_York")?.toISOString()).toBe("2026-12-01T13:00:00.000Z");
  });

  it("accepts surrounding whitespace and leap days", () => {
    expect(fromLocalInput(" 2026-12-01T08:00 ", "UTC")?.toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(fromLocalInput("2028-02-29T08:00", "UTC")?.toISOString()).toBe("2028-02-29T08:00:00.000Z");
  });

  it.each([
    "2026-02-30T08:00",
    "2026-02-29T08:00",
    "2026-13-01T08:00",
    "2026-00-10T08:00",
    "2026-12-32T08:00",
    "2026-12-01T24:00",
    "2026-12-01T08:60",
    "2026-12-01T07:99",
    "2026-12-01 08:00",
    "2026-12-01T08:00:00",
    "2026-12-01",
    "",
    "tomorrow at eight",
  ])("returns null for %j", (value) => {
    expect(fromLocalInput(value, "Asia/Seoul")).toBeNull();
  });
});

describe("toLocalInput", () => {
  it("shows an instant as wall-clock time in the zone", () => {
    expect(toLocalInput(new Date("2026-11-30T23:00:00Z"), "Asia/Seoul")).toBe("2026-12-01T08:00");
    expect(toLocalInput(new Date("2026-11-30T23:05:59Z"), "UTC")).toBe("2026-11-30T23:05");
  });

  const zones = ["UTC", "Asia/Seoul", "America/New_York", "Europe/London", "Australia/Adelaide", "Pacific/Kiritimati"];
  const values = ["2026-01-01T00:00", "2026-06-15T13:45", "2026-12-31T23:59", "2028-02-29T08:00"];
  const cases = zones.flatMap((zone) => values.map((value) => ({ zone, value })));
  it.each(cases)("round-trips $value in $zone", ({ zone, value }) => {
    const date = fromLocalInput(value, zone);
    expect(date).not.toBeNull();
    expect(toLocalInput(date!, zone)).toBe(value);
  });
});

describe("formatting", () => {
  const instant = new Date("2026-11-30T23:00:00Z");
  it("formats in the publication's zone, not the server's", () => {
    expect(formatDate(instant, "Asia/Seoul")).toBe("1 December 2026");
    expect(formatDate(instant, "UTC")).toBe("30 November 2026");
    expect(formatDateTime(instant, "Asia/Seoul")).toBe("1 Dec 2026, 08:00");
  });
});

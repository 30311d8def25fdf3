import { describe, expect, it } from "vitest";
import { ZIssue, ZVolume } from "./issues";
import { parseInput } from "./parse";

const issue = (number: unknown) => ZIssue.safeParse({ volumeId: "cmx53sgmr000k5u7dci0cnld9", number, title: "December", publishedOn: "" });
const numberError = (result: ReturnType<typeof issue>) => (result.success ? null : result.error.issues.find((i) => i.path[0] === "number")?.message);

describe("issue and volume numbers", () => {
  it("say what is missing when the field is empty, rather than asking for a whole number", () => {
    expect(numberError(issue(""))).toBe("Enter the issue number.");
    expect(numberError(issue("   "))).toBe("Enter the issue number.");
    expect(numberError(issue(undefined))).toBe("Enter the issue number.");
    const volume = ZVolume.safeParse({ number: "", label: "Volume 15", startsOn: "2027-08-01", endsOn: "2028-07-31" });
    expect(volume.success ? null : volume.error.issues[0]?.message).toBe("Enter the volume number.");
  });

  it("refuse fractions, words, zero and the too large, each with its own reason", () => {
    expect(numberError(issue("2.5"))).toBe("Enter a whole number, like 3.");
    expect(numberError(issue("three"))).toBe("Enter a whole number, like 3.");
    expect(numberError(issue("-1"))).toBe("Enter a whole number, like 3.");
    expect(numberError(issue("0"))).toBe("Numbers start at 1.");
    expect(numberError(issue("1001"))).toBe("That is more than 1,000.");
  });

  it("take a plain number, spaces trimmed", () => {
    const parsed = issue(" 3 ");
    expect(parsed.success && parsed.data.number).toBe(3);
  });
});

describe("parsing twice", () => {
  it("gives the same volume and issue (the form's action parses, then the use case)", () => {
    const volume = ZVolume.parse({ number: "15", label: "Volume 15", startsOn: "2027-08-01", endsOn: "2028-07-31" });
    expect(parseInput(ZVolume, volume)).toEqual(volume);
    expect(volume).toEqual({ number: 15, label: "Volume 15", startsOn: new Date("2027-08-01T00:00:00Z"), endsOn: new Date("2028-07-31T00:00:00Z") });
    for (const publishedOn of ["", "2027-12-01"]) {
      const parsed = ZIssue.parse({ volumeId: "cmx53sgmr000k5u7dci0cnld9", number: "3", title: "December", publishedOn });
      expect(parseInput(ZIssue, parsed)).toEqual(parsed);
    }
    expect(numberError(issue(2.5))).toBe("Enter a whole number, like 3.");
    expect(numberError(issue(0))).toBe("Numbers start at 1.");
  });
});

import { describe, expect, it } from "vitest";
import { type BylinePerson, bylineDetail, gradeLabel, graduationYearForGrade, publicName, schoolYearEnd } from "./byline";

const AUGUST = 8;

function person(overrides: Partial<BylinePerson> = {}): BylinePerson {
  return {
    fullName: "Jordan Lee",
    penName: null,
    penNameApproved: false,
    nameDisplay: null,
    graduationYear: null,
    title: null,
    ...overrides,
  };
}

describe("publicName", () => {
  it("FULL shows the full name", () => {
    expect(publicName(person({ nameDisplay: "FULL" }), "FIRST_LAST_INITIAL")).toBe("Jordan Lee");
  });

  it("FIRST_LAST_INITIAL shows the first name and the last initial", () => {
    expect(publicName(person({ nameDisplay: "FIRST_LAST_INITIAL" }), "FULL")).toBe("Jordan L.");
    expect(publicName(person({ fullName: "  Ana María   Reyes ", nameDisplay: "FIRST_LAST_INITIAL" }), "FULL")).toBe("Ana María R.");
  });

  it("FIRST_LAST_INITIAL leaves a single name alone", () => {
    expect(publicName(person({ fullName: "Cher", nameDisplay: "FIRST_LAST_INITIAL" }), "FULL")).toBe("Cher");
  });

  it("PEN_NAME shows an approved pen name", () => {
    expect(publicName(person({ nameDisplay: "PEN_NAME", penName: "The Night Owl", penNameApproved: true }), "FULL")).toBe("The Night Owl");
  });

  // An unapproved pen name never appears in public; nor does the full name the student chose to hide.
  it("PEN_NAME with an unapproved pen name falls back to first name and last initial", () => {
    expect(publicName(person({ nameDisplay: "PEN_NAME", penName: "The Night Owl", penNameApproved: false }), "FULL")).toBe("Jordan L.");
  });

  it("PEN_NAME without a pen name falls back to first name and last initial", () => {
    expect(publicName(person({ nameDisplay: "PEN_NAME", penName: null, penNameApproved: true }), "FULL")).toBe("Jordan L.");
    expect(publicName(person({ nameDisplay: "PEN_NAME", penName: "", penNameApproved: true }), "FULL")).toBe("Jordan L.");
  });

  it("uses the publication default when the person has no preference", () => {
    expect(publicName(person(), "FULL")).toBe("Jordan Lee");
    expect(publicName(person(), "FIRST_LAST_INITIAL")).toBe("Jordan L.");
    expect(publicName(person(), "PEN_NAME")).toBe("Jordan L.");
    expect(publicName(person({ penName: "Owl", penNameApproved: true }), "PEN_NAME")).toBe("Owl");
  });

  it("a person's own choice beats the publication default", () => {
    expect(publicName(person({ nameDisplay: "FULL" }), "FIRST_LAST_INITIAL")).toBe("Jordan Lee");
    expect(publicName(person({ nameDisplay: "FIRST_LAST_INITIAL" }), "FULL")).toBe("Jordan L.");
  });
});

describe("gradeLabel (school year starting in August)", () => {
  const nov2026 = new Date("2026-11-24T12:00:00Z");
  const sep2027 = new Date("2027-09-01T12:00:00Z");

  it("on 2026-11-24, the class of 2028 is in grade 11 and the class of 2027 in grade 12", () => {
    expect(gradeLabel(2028, nov2026, AUGUST)).toBe("Grade 11");
    expect(gradeLabel(2027, nov2026, AUGUST)).toBe("Grade 12");
    expect(gradeLabel(2030, nov2026, AUGUST)).toBe("Grade 9");
  });

  it("on 2027-09-01, the class of 2028 is in grade 12", () => {
    expect(gradeLabel(2028, sep2027, AUGUST)).toBe("Grade 12");
  });

  it("moves up a grade when the school year starts, not on 1 January", () => {
    expect(gradeLabel(2028, new Date("2027-01-15T12:00:00Z"), AUGUST)).toBe("Grade 11");
    expect(gradeLabel(2028, new Date("2027-07-31T12:00:00Z"), AUGUST)).toBe("Grade 11");
    expect(gradeLabel(2028, new Date("2027-08-01T12:00:00Z"), AUGUST)).toBe("Grade 12");
  });

  it("honours another start month", () => {
    const march = 3;
    expect(gradeLabel(2028, new Date("2027-02-28T12:00:00Z"), march)).toBe("Grade 11");
    expect(gradeLabel(2028, new Date("2027-03-01T12:00:00Z"), march)).toBe("Grade 12");
  });

  it("graduates become 'Class of', too-young or unknown years give no label", () => {
    expect(gradeLabel(2026, nov2026, AUGUST)).toBe("Class of 2026");
    expect(gradeLabel(2033, nov2026, AUGUST)).toBe("Grade 6");
    expect(gradeLabel(2034, nov2026, AUGUST)).toBeNull();
    expect(gradeLabel(null, nov2026, AUGUST)).toBeNull();
  });

  it("schoolYearEnd is the year the current school year ends", () => {
    expect(schoolYearEnd(nov2026, AUGUST)).toBe(2027);
    expect(schoolYearEnd(new Date("2027-07-31T12:00:00Z"), AUGUST)).toBe(2027);
    expect(schoolYearEnd(sep2027, AUGUST)).toBe(2028);
  });
});

describe("graduationYearForGrade", () => {
  it("on 2026-11-24, an 11th grader graduates in 2028", () => {
    expect(graduationYearForGrade(11, new Date("2026-11-24T12:00:00Z"), AUGUST)).toBe(2028);
    expect(graduationYearForGrade(12, new Date("2027-09-01T12:00:00Z"), AUGUST)).toBe(2028);
  });

  const dates = ["2026-11-24T12:00:00Z", "2027-01-01T00:00:00Z", "2027-07-31T23:00:00Z", "2027-08-01T00:00:00Z", "2030-12-31T12:00:00Z"];
  const cases = dates.flatMap((d) => [1, 8, 9].flatMap((startMonth) => [6, 7, 8, 9, 10, 11, 12].map((grade) => ({ d, startMonth, grade }))));
  it.each(cases)("round-trips grade $grade on $d (start month $startMonth)", ({ d, startMonth, grade }) => {
    const date = new Date(d);
    expect(gradeLabel(graduationYearForGrade(grade, date, startMonth), date, startMonth)).toBe(`Grade ${grade}`);
  });
});

describe("bylineDetail", () => {
  const date = new Date("2026-11-24T12:00:00Z");
  it("is the grade for a student, the title for staff, else null", () => {
    expect(bylineDetail(person({ graduationYear: 2028, title: "Sports editor" }), date, AUGUST)).toBe("Grade 11");
    expect(bylineDetail(person({ title: "Faculty adviser" }), date, AUGUST)).toBe("Faculty adviser");
    expect(bylineDetail(person(), date, AUGUST)).toBeNull();
  });
});

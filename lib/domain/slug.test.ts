import { describe, expect, it } from "vitest";
import { distinctSlug, slugify, uniqueSlug } from "./slug";

describe("slugify", () => {
  it.each([
    ["Hello, World!", "hello-world"],
    ["  School Board Votes 5-2 on Budget  ", "school-board-votes-5-2-on-budget"],
    ["Café crème à la française", "cafe-creme-a-la-francaise"],
    ["Don't stop: the team’s `best` year", "dont-stop-the-teams-best-year"],
    ["---Leading & trailing???", "leading-trailing"],
    ["Multiple   spaces\tand\nnewlines", "multiple-spaces-and-newlines"],
    ["ÅNGSTRÖM Über", "angstrom-uber"],
  ])("%j -> %j", (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it("falls back to 'story' when nothing usable is left", () => {
    expect(slugify("")).toBe("story");
    expect(slugify("!!! ???")).toBe("story");
    expect(slugify("학교 신문")).toBe("story");
  });

  it("cuts to maxLength without leaving a trailing hyphen", () => {
    expect(slugify("abcd efgh", 5)).toBe("abcd");
    expect(slugify("a".repeat(100))).toHaveLength(80);
    expect(slugify("The quick brown fox jumps", 10)).toBe("the-quick");
  });

  it("only ever yields lowercase letters, digits and single inner hyphens", () => {
    for (const input of ["<script>alert(1)</script>", "../../etc/passwd", "a--b__c..d", "Ünïcödé ☃ snow"]) {
      expect(slugify(input)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});

describe("uniqueSlug", () => {
  it("keeps a free base", () => {
    expect(uniqueSlug("budget", new Set())).toBe("budget");
    expect(uniqueSlug("budget", new Set(["budget-2"]))).toBe("budget");
  });

  it("numbers from 2 upward, skipping taken numbers", () => {
    expect(uniqueSlug("budget", new Set(["budget"]))).toBe("budget-2");
    expect(uniqueSlug("budget", new Set(["budget", "budget-2", "budget-3"]))).toBe("budget-4");
    expect(uniqueSlug("budget", new Set(["budget", "budget-3"]))).toBe("budget-2");
  });
});

describe("distinctSlug", () => {
  it("keeps Latin slugs as slugify makes them", () => {
    expect(distinctSlug("Middle East", 40, "tag")).toBe("middle-east");
  });
  it("tells apart names with no Latin letters, stably", () => {
    const syria = distinctSlug("시리아", 40, "tag");
    expect(syria).toMatch(/^tag-[0-9a-f]{8}$/);
    expect(distinctSlug("이란", 40, "tag")).not.toBe(syria);
    expect(distinctSlug(" 시리아 ", 40, "tag")).toBe(syria);
  });
  it("falls back to the bare prefix when there are no letters at all", () => {
    expect(distinctSlug("!!!", 40, "tag")).toBe("tag");
  });
});

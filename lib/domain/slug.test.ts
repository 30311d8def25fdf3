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
  });

  it("keeps the letters of every script, so an all-Korean headline is not just 'story'", () => {
    expect(slugify("학교 신문, 새 학기 시작!")).toBe("학교-신문-새-학기-시작");
    expect(slugify("제주 학생들이 바다를 지킨다")).toBe("제주-학생들이-바다를-지킨다");
    expect(slugify("Ｆｕｌｌｗｉｄｔｈ ２０２４")).toBe("fullwidth-2024");
    expect(slugify("Zoë와 함께한 여름")).toBe("zoe와-함께한-여름");
    expect(slugify("हिन्दी समाचार")).toBe("हिन्दी-समाचार");
    expect(slugify("학교".repeat(50), 5)).toBe("학교학교학");
    expect(slugify("😀 🎉")).toBe("story");
  });

  it("cuts to maxLength without leaving a trailing hyphen", () => {
    expect(slugify("abcd efgh", 5)).toBe("abcd");
    expect(slugify("a".repeat(100))).toHaveLength(80);
    expect(slugify("The quick brown fox jumps", 10)).toBe("the-quick");
  });

  it("only ever yields lowercase letters, digits and single inner hyphens", () => {
    for (const input of ["<script>alert(1)</script>", "../../etc/passwd", "a--b__c..d", "Ünïcödé ☃ snow", "%2e%2e/학교?x=1#y", "신문/../../etc"]) {
      const slug = slugify(input);
      expect(slug).toMatch(/^[\p{Ll}\p{Lo}\p{N}\p{M}]+(-[\p{Ll}\p{Lo}\p{N}\p{M}]+)*$/u);
      expect(slug).not.toMatch(/[%/?#.]/);
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
    expect(syria).toBe("시리아");
    expect(distinctSlug("이란", 40, "tag")).not.toBe(syria);
    expect(distinctSlug(" 시리아 ", 40, "tag")).toBe(syria);
  });
  it("falls back to the bare prefix when there are no letters at all", () => {
    expect(distinctSlug("!!!", 40, "tag")).toBe("tag");
  });
});

import { describe, expect, it } from "vitest";
import { fieldErrorsFrom } from "@/lib/errors";
import { INVISIBLE_MESSAGES, ZArticleCreate, ZArticleUpdate } from "./article";

function fieldErrors(input: unknown, schema: typeof ZArticleCreate | typeof ZArticleUpdate = ZArticleCreate) {
  const parsed = schema.safeParse(input);
  return parsed.success ? {} : fieldErrorsFrom(parsed.error.issues);
}

describe("invisible characters in headlines and tags", () => {
  const tricks = {
    NUL: "Budget\u0000 vote",
    escape: "Budget \u001b[31mvote",
    "right-to-left override": "Invoice \u202Egnp.exe",
    "left-to-right isolate": "Vote \u2066here\u2069",
    "zero-width space": "Bud\u200Bget vote",
    "word joiner": "Budget\u2060 vote",
    "byte-order mark inside": "Budget\uFEFFvote",
    "joiner next to a space": "Budget \u200D vote",
    "non-joiner at the end of a word": "Budget\u200C vote",
  };

  it.each(Object.entries(tricks))("refuses a headline with a %s, with a message on the headline field", (_name, headline) => {
    expect(fieldErrors({ headline })).toEqual({ headline: INVISIBLE_MESSAGES.headline });
    expect(fieldErrors({ headline, version: 1 }, ZArticleUpdate)).toEqual({ headline: INVISIBLE_MESSAGES.headline });
  });

  it.each(Object.entries(tricks))("refuses a tag with a %s, reported as that tag", (_name, tag) => {
    expect(fieldErrors({ headline: "Budget vote", tags: ["Council", tag.slice(0, 40)] })).toEqual({ "tags.1": INVISIBLE_MESSAGES.tag });
  });

  it("keeps real text: joiners inside emoji and between letters, direction marks, accents", () => {
    for (const headline of [
      "Coding club 👩‍💻 wins",
      "Pride week 🏳️‍🌈 begins",
      "Family day 👨‍👩‍👧 at school",
      "Teacher 👩🏽‍🏫 of the year",
      "می‌خواهم: Persian needs the non-joiner",
      "क्‍ष in Devanagari",
      "\u200F\u05E9\u05DC\u05D5\u05DD 2026",
      "Café crème, 시리아, Алеппо",
    ]) {
      expect(fieldErrors({ headline, tags: [headline.slice(0, 40)] }), headline).toEqual({});
    }
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { INVISIBLE_MESSAGES, ZArticleCreate, ZArticleUpdate, ZTransition } from "./article";
import { ZCommentCreate } from "./comment";
import { parseInput } from "./parse";

describe("parseInput and U+0000", () => {
  // PostgreSQL refuses NUL in a text column ("invalid byte sequence"): a 500 after validation.
  it("turns NUL into U+FFFD in every text field, nested ones too, on either engine", () => {
    expect(parseInput(ZArticleUpdate, { dek: "Budget\u0000 vote", version: 1 }).dek).toBe("Budget\uFFFD vote");
    expect(parseInput(ZTransition, { action: "submit", note: "\u0000" }).note).toBe("\uFFFD");
    expect(parseInput(ZCommentCreate, { body: "A\u0000B", anchor: { exact: "x\u0000", prefix: "", suffix: "", start: 0, end: 2 } })).toMatchObject({ body: "A\uFFFDB", anchor: { exact: "x\uFFFD" } });
  });

  it("still refuses a headline holding NUL, with the headline's message", () => {
    let error: unknown;
    try {
      parseInput(ZArticleCreate, { headline: "Budget\u0000 vote" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({ headline: INVISIBLE_MESSAGES.headline });
  });

  it("keeps other control characters as typed", () => {
    expect(parseInput(ZArticleUpdate, { dek: "Two\tcolumns\nand a line", version: 1 }).dek).toBe("Two\tcolumns\nand a line");
    expect(parseInput(ZCommentCreate, { body: "Fine \u0001 text" }).body).toBe("Fine \u0001 text");
  });
});

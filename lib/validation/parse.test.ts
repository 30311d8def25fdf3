import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { ZArticleUpdate, ZTransition } from "./article";
import { ZCommentCreate } from "./comment";
import { NUL_MESSAGE, parseInput } from "./parse";

function refusal(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a VALIDATION error");
}

describe("parseInput and U+0000", () => {
  // PostgreSQL refuses NUL in a text column ("invalid byte sequence"), a 500 after validation.
  it("refuses NUL in any text field, naming the field, on either engine", () => {
    const dek = refusal(() => parseInput(ZArticleUpdate, { dek: "Budget\u0000 vote", version: 1 }));
    expect(dek.code).toBe("VALIDATION");
    expect(dek.fields).toEqual({ dek: NUL_MESSAGE });
    const note = refusal(() => parseInput(ZTransition, { action: "submit", note: "\u0000" }));
    expect(note.fields).toEqual({ note: NUL_MESSAGE });
  });

  it("keeps other control characters and every other text as typed", () => {
    expect(parseInput(ZArticleUpdate, { dek: "Two\tcolumns\nand a line", version: 1 }).dek).toBe("Two\tcolumns\nand a line");
    expect(parseInput(ZCommentCreate, { body: "Fine \u0001 text" }).body).toBe("Fine \u0001 text");
  });
});

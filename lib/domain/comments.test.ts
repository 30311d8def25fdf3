import { describe, expect, it } from "vitest";
import { anchorState, anchorsInDoc, openRequiredCount } from "./comments";

const mark = (commentId: string) => ({ type: "comment", attrs: { commentId } });

const doc = {
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Abdulghany said it was " },
        { type: "text", text: "“an obligation", marks: [mark("c1")] },
        { type: "text", text: " to defend”", marks: [{ type: "bold" }, mark("c1"), mark("c2")] },
        { type: "text", text: " the people." },
      ],
    },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Peskov", marks: [mark("c3")] }] }] },
  ],
};

describe("anchorsInDoc", () => {
  it("collects the live text of every anchor, across split text nodes, overlaps and nested blocks", () => {
    const anchors = anchorsInDoc(doc);
    expect(anchors.get("c1")).toBe("“an obligation to defend”");
    expect(anchors.get("c2")).toBe(" to defend”");
    expect(anchors.get("c3")).toBe("Peskov");
    expect(anchors.size).toBe(3);
  });

  it("ignores other marks and empty documents", () => {
    expect(anchorsInDoc({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "bold" }] }] }] }).size).toBe(0);
    expect(anchorsInDoc({ type: "doc" }).size).toBe(0);
  });
});

describe("anchorState", () => {
  const anchors = anchorsInDoc(doc);
  it("is anchored while the passage exists, with its current text", () => {
    expect(anchorState({ id: "c3", quote: "Peskov" }, anchors)).toEqual({ state: "anchored", text: "Peskov" });
  });
  it("falls back to 'deleted' when the quoted passage has gone", () => {
    expect(anchorState({ id: "gone", quote: "Dmitry Peskov stated" }, anchors)).toEqual({ state: "deleted" });
  });
  it("is a general comment when it never quoted anything", () => {
    expect(anchorState({ id: "gone", quote: null }, anchors)).toEqual({ state: "general" });
  });
});

describe("openRequiredCount", () => {
  it("counts open top-level required changes only", () => {
    const comments = [
      { kind: "REQUIRED" as const, resolvedAt: null, parentId: null },
      { kind: "REQUIRED" as const, resolvedAt: new Date(), parentId: null },
      { kind: "COACHING" as const, resolvedAt: null, parentId: null },
      { kind: "REQUIRED" as const, resolvedAt: null, parentId: "thread" },
      { kind: "REQUIRED" as const, resolvedAt: null, parentId: null },
    ];
    expect(openRequiredCount(comments)).toBe(2);
    expect(openRequiredCount([])).toBe(0);
  });
});

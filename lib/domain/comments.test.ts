import { describe, expect, it } from "vitest";
import { anchorFor, anchorText } from "./anchors";
import { anchorState, openRequiredCount } from "./comments";

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

describe("legacy comment marks", () => {
  it("give the range of every anchor, across split text nodes, overlaps and nested blocks", () => {
    const { text, marked } = anchorText(doc);
    const quoted = (id: string) => text.slice(marked.get(id)!.start, marked.get(id)!.end);
    expect(quoted("c1")).toBe("“an obligation to defend”");
    expect(quoted("c2")).toBe(" to defend”");
    expect(quoted("c3")).toBe("Peskov");
    expect(marked.size).toBe(3);
  });

  it("ignore other marks and empty documents", () => {
    expect(anchorText({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "bold" }] }] }] }).marked.size).toBe(0);
    expect(anchorText({ type: "doc" }).marked.size).toBe(0);
  });
});

describe("anchorState", () => {
  const { text } = anchorText(doc);
  const peskov = anchorFor(text, text.indexOf("Peskov"), text.indexOf("Peskov") + 6);
  it("is anchored while the passage exists", () => {
    expect(anchorState({ quote: "Peskov", anchor: peskov }, text)).toBe("anchored");
    expect(anchorState({ quote: "Peskov", anchor: peskov }, `Update. ${text}`)).toBe("anchored");
  });
  it("falls back to 'deleted' when the quoted passage has gone", () => {
    expect(anchorState({ quote: "Dmitry Peskov stated", anchor: { ...peskov, exact: "Dmitry Peskov stated" } }, text)).toBe("deleted");
    expect(anchorState({ quote: "Peskov", anchor: peskov }, text.replace("Peskov", ""))).toBe("deleted");
    expect(anchorState({ quote: "Peskov", anchor: null }, text)).toBe("deleted");
  });
  it("is a general comment when it never quoted anything", () => {
    expect(anchorState({ quote: null, anchor: null }, text)).toBe("general");
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

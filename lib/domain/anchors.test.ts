import { getSchema } from "@tiptap/core";
import { Node } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { storyExtensions } from "@/lib/editor/extensions";
import { anchorFor, anchorForQuote, anchorText, offsetToPos, posToOffset, reanchor, resolveAnchor, withoutCommentMarks } from "./anchors";

const STORY = "The offensive began at dawn. Push back their fire from our people, he said.\n\nOfficials did not comment.";
const QUOTE = "Push back their fire from our people";
const at = (text: string, quote: string) => anchorFor(text, text.indexOf(quote), text.indexOf(quote) + quote.length);

describe("resolveAnchor", () => {
  const anchor = at(STORY, QUOTE);

  it("keeps the position while the quote is still there", () => {
    expect(resolveAnchor(anchor, STORY)).toEqual({ start: anchor.start, end: anchor.end });
  });

  it("follows the passage when text is inserted before it", () => {
    const edited = `Breaking: ${STORY}`;
    const range = resolveAnchor(anchor, edited)!;
    expect(edited.slice(range.start, range.end)).toBe(QUOTE);
    expect(range.start).toBe(anchor.start + "Breaking: ".length);
  });

  it("stays put when text is inserted after it", () => {
    expect(resolveAnchor(anchor, `${STORY} More later.`)).toEqual({ start: anchor.start, end: anchor.end });
  });

  it("follows the passage when a word inside it is edited", () => {
    const edited = STORY.replace("their fire", "their heavy fire");
    const range = resolveAnchor(anchor, edited)!;
    expect(edited.slice(range.start, range.end)).toContain("heavy fire from our people");
    expect(reanchor(anchor, edited)).toMatchObject({ exact: expect.stringContaining("heavy fire"), start: range.start });
  });

  it("answers null once the passage is deleted", () => {
    expect(resolveAnchor(anchor, STORY.replace(QUOTE, ""))).toBeNull();
    expect(resolveAnchor(anchor, "Something else entirely, about a football match.")).toBeNull();
    expect(reanchor(anchor, STORY.replace(`${QUOTE}, he said.`, "He spoke."))).toBeNull();
  });

  it("does not take a short quote for a different short word", () => {
    const short = at("Kim said no.", "no");
    expect(resolveAnchor(short, "Kim said yes.")).toBeNull();
  });

  it("tells identical quotes apart by their prefix and suffix", () => {
    const text = "The council said yes. The head teacher said yes. The students said no.";
    const second = anchorFor(text, text.indexOf("said yes", 20), text.indexOf("said yes", 20) + "said yes".length);
    // Text is inserted at the front, so the old position no longer holds the quote.
    const edited = `Update: ${text}`;
    const range = resolveAnchor(second, edited)!;
    expect(edited.slice(range.start - "head teacher ".length, range.end)).toBe("head teacher said yes");
    // And the first stays the first.
    const first = at(text, "said yes");
    const r1 = resolveAnchor(first, edited)!;
    expect(edited.slice(r1.start - "council ".length, r1.end)).toBe("council said yes");
  });

  it("picks the nearest of identical quotes in identical context", () => {
    const text = "Yes. Yes. Yes. Yes.";
    const third = anchorFor(text, 10, 13);
    const edited = `No. ${text}`;
    expect(resolveAnchor(third, edited)).toEqual({ start: 14, end: 17 });
  });

  it("anchors a quote an API client sent at its first occurrence", () => {
    expect(anchorForQuote(STORY, QUOTE)).toMatchObject({ exact: QUOTE, start: STORY.indexOf(QUOTE), suffix: ", he said.\n\nOfficials did not co" });
    expect(anchorForQuote(STORY, "not in the story")).toBeNull();
  });
});

describe("anchorText", () => {
  const schema = getSchema(storyExtensions);
  const json = {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Aleppo" }] },
      { type: "paragraph", content: [{ type: "text", text: "First " }, { type: "text", text: "bold", marks: [{ type: "bold" }] }, { type: "hardBreak" }, { type: "text", text: "line." }] },
      { type: "figure", attrs: { mediaId: "abc", src: "/media/ab/abcdefgh/800.jpg", alt: "", caption: "", credit: "" } },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Item one" }] }] }] },
    ],
  };

  it("is the body's text with blank lines between blocks", () => {
    expect(anchorText(json).text).toBe("Aleppo\n\nFirst bold\nline.\n\nItem one\n\n");
  });

  it("maps every offset to the ProseMirror position holding the same character", () => {
    const doc = Node.fromJSON(schema, json);
    const { text, segments } = anchorText(json, (t) => schema.nodes[t]!.isLeaf);
    for (const quote of ["Aleppo", "First bold", "bold", "line.", "Item one", "t b"]) {
      const start = text.indexOf(quote);
      const from = offsetToPos(segments, start, "start")!;
      const to = offsetToPos(segments, start + quote.length, "end")!;
      expect(doc.textBetween(from, to)).toBe(quote);
      expect(posToOffset(segments, from)).toBe(start);
      expect(posToOffset(segments, to)).toBe(start + quote.length);
    }
  });

  it("lifts legacy comment marks out of the body as ranges", () => {
    const legacy = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "He said " },
            { type: "text", text: "push back", marks: [{ type: "comment", attrs: { commentId: "c1" } }] },
            { type: "text", text: " their fire", marks: [{ type: "comment", attrs: { commentId: "c1" } }, { type: "italic" }] },
            { type: "text", text: " today." },
          ],
        },
      ],
    };
    const { text, marked } = anchorText(legacy);
    const range = marked.get("c1")!;
    expect(text.slice(range.start, range.end)).toBe("push back their fire");
    const clean = withoutCommentMarks(legacy);
    expect(JSON.stringify(clean)).not.toContain("comment");
    expect(clean.content[0]!.content[2]).toEqual({ type: "text", text: " their fire", marks: [{ type: "italic" }] });
    expect(anchorText(clean).text).toBe(text);
  });
});

import { describe, expect, it } from "vitest";
import { comparableText, diffStats, sameContent, sentenceDiff, wordDiff } from "./diff";

describe("wordDiff", () => {
  it("marks words only in the old text as removed and words only in the new text as added", () => {
    const segments = wordDiff("Opposition forces entered Aleppo on Friday.", "Opposition forces entered Aleppo on Saturday.");
    expect(segments).toEqual([
      { kind: "same", text: "Opposition forces entered Aleppo on " },
      { kind: "removed", text: "Friday" },
      { kind: "added", text: "Saturday" },
      { kind: "same", text: "." },
    ]);
  });

  it("rebuilds both texts exactly from its segments", () => {
    const before = "Abdulghany commented that the offensive intended to “Push back their fire.”\n\nIran has supported the regime.";
    const after = "Abdulghany said the offensive aimed to “Push back their fire from our people.”\n\nIran has long supported the regime.";
    const segments = wordDiff(before, after);
    expect(segments.filter((s) => s.kind !== "added").map((s) => s.text).join("")).toBe(before);
    expect(segments.filter((s) => s.kind !== "removed").map((s) => s.text).join("")).toBe(after);
  });

  it("returns one unchanged segment for identical texts and nothing for two empty ones", () => {
    expect(wordDiff("same words", "same words")).toEqual([{ kind: "same", text: "same words" }]);
    expect(wordDiff("", "")).toEqual([]);
  });

  it("handles text added to an empty story and a story emptied", () => {
    expect(wordDiff("", "New lede.")).toEqual([{ kind: "added", text: "New lede." }]);
    expect(wordDiff("Old lede.", "")).toEqual([{ kind: "removed", text: "Old lede." }]);
  });
});

describe("diffStats", () => {
  it("counts words, not characters or segments", () => {
    const stats = diffStats(wordDiff("the cat sat", "the big black cat sat down"));
    expect(stats).toEqual({ added: 3, removed: 0 });
    expect(diffStats(wordDiff("a b c d", "a d"))).toEqual({ added: 0, removed: 2 });
  });
  it("counts a caption's words, not its label's", () => {
    const without = comparableText({ headline: "H", dek: "", text: "Body" });
    const withCaption = comparableText({ headline: "H", dek: "", leadImageCaption: "Fighters at the citadel.", text: "Body" });
    expect(diffStats(wordDiff(without, withCaption))).toEqual({ added: 4, removed: 0 });
    expect(diffStats(wordDiff(withCaption, without))).toEqual({ added: 0, removed: 4 });
  });
});

describe("comparableText and sameContent", () => {
  it("joins headline, dek and body as blocks and skips empty parts", () => {
    expect(comparableText({ headline: "H", dek: "", text: "Body" })).toBe("H\n\nBody");
    expect(comparableText({ headline: "H", dek: "D", text: "Body" })).toBe("H\n\nD\n\nBody");
  });

  it("includes the story's own lead-image caption, labelled, after the dek, so a caption change shows in a revision diff", () => {
    expect(comparableText({ headline: "H", dek: "D", leadImageCaption: "Fighters at the citadel.", text: "Body" })).toBe("H\n\nD\n\nLead image caption: Fighters at the citadel.\n\nBody");
    expect(comparableText({ headline: "H", dek: "", leadImageCaption: null, text: "Body" })).toBe("H\n\nBody");
    expect(comparableText({ headline: "H", dek: "", leadImageCaption: "  ", text: "Body" })).toBe("H\n\nBody");
    const segments = wordDiff(comparableText({ headline: "H", dek: "", leadImageCaption: "Fighters at the citadel.", text: "Body" }), comparableText({ headline: "H", dek: "", leadImageCaption: "Fighters near the citadel.", text: "Body" }));
    expect(segments.filter((s) => s.kind !== "same").map((s) => `${s.kind}:${s.text}`)).toEqual(["removed:at", "added:near"]);
    expect(segments[0]?.text).toContain("Lead image caption: Fighters ");
    expect(diffStats(wordDiff(comparableText({ headline: "H", dek: "", text: "B" }), comparableText({ headline: "H", dek: "", leadImageCaption: "A new caption", text: "B" })))).toEqual({ added: 3, removed: 0 });
  });

  it("treats whitespace-only differences as the same content, and word changes as different", () => {
    expect(sameContent("Aleppo  fell\n\nquickly ", "Aleppo fell quickly")).toBe(true);
    expect(sameContent("Aleppo fell quickly", "Aleppo fell slowly")).toBe(false);
  });
});

describe("sentenceDiff", () => {
  it("shows a changed sentence as its old and new versions, with the changed words marked inside each", () => {
    const blocks = sentenceDiff(
      "TAB ONE: The harvest festival.\n\nThe organisers thanked the volunteers. It rained.",
      "TAB TWO: The harvest festival.\n\nOrganisers thanked the harvest volunteers. It rained.",
    );
    expect(blocks[0]).toEqual({
      kind: "changed",
      before: [{ kind: "same", text: "TAB " }, { kind: "removed", text: "ONE" }, { kind: "same", text: ": The harvest festival." }],
      after: [{ kind: "same", text: "TAB " }, { kind: "added", text: "TWO" }, { kind: "same", text: ": The harvest festival." }],
    });
    expect(blocks[1]).toEqual({ kind: "same", text: "\n\n" });
    // A paragraph with no full stop (a headline) is a sentence of its own.
    expect(sentenceDiff("Two tabs\n\nThe organisers thanked the volunteers.", "Two tabs\n\nOrganisers thanked the volunteers.")[0]).toEqual({ kind: "same", text: "Two tabs\n\n" });
    const second = blocks[2];
    expect(second?.kind).toBe("changed");
    if (second?.kind !== "changed") return;
    // Never the interleaved "TheOrganisers": each side reads as a sentence.
    expect(second.before.map((s) => s.text).join("")).toBe("The organisers thanked the volunteers.");
    expect(second.after.map((s) => s.text).join("")).toBe("Organisers thanked the harvest volunteers.");
    expect(second.after.filter((s) => s.kind === "added").map((s) => s.text.trim())).toEqual(["Organisers", "harvest"]);
    expect(blocks[3]).toEqual({ kind: "same", text: " It rained." });
  });

  it("shows a sentence only one side has as a whole", () => {
    expect(sentenceDiff("One. Two.", "One. Two. Three.").filter((b) => b.kind !== "same")).toEqual([{ kind: "added", text: " Three." }]);
    expect(sentenceDiff("One. Two.", "Two.").some((b) => b.kind === "removed" || b.kind === "changed")).toBe(true);
  });
});

/**
 * Structural edits made while Suggesting (issue 11): a paragraph turned into a heading, a split,
 * a join, a list, bold. Each goes through the package's own transform, as the editor does, and
 * the result must fit the story schema the server checks saves against, be decided by accept and
 * reject, and never reach readers.
 */
import { suggestChanges, suggestChangesKey, transformToSuggestionTransaction } from "@handlewithcare/prosemirror-suggest-changes";
import { type JSONContent } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { wrapInList } from "@tiptap/pm/schema-list";
import { describe, expect, it } from "vitest";
import { checkBodyDoc, storySchema } from "./body-doc";
import { renderBodyFromJson } from "./render";
import { blockSuggestionDecorations, newSuggestionId, stampSuggestions, suggestionSelection } from "./suggest-mode";
import { decideSuggestionInDoc, listSuggestions } from "./suggestions";

const MINJI = { id: "user_minji", name: "Minji Kim" };
const AT = new Date("2026-12-02T10:42:00.000Z");

function story(...paragraphs: string[]) {
  const schema = storySchema();
  const doc = PMNode.fromJSON(schema, { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
  let state = EditorState.create({ doc, plugins: [suggestChanges()] });
  state = state.apply(state.tr.setMeta(suggestChangesKey, { skip: true, enabled: true }));
  return {
    get state() {
      return state;
    },
    edit(make: (tr: Transaction, s: EditorState) => Transaction) {
      const tracked = transformToSuggestionTransaction(make(state.tr, state), state, newSuggestionId);
      state = state.apply(tracked);
      const stamp = stampSuggestions(state, MINJI, AT);
      if (stamp) state = state.apply(stamp);
      return state.doc.toJSON() as JSONContent;
    },
  };
}

const original = ["Aleppo fell on Friday.", "The city was quiet."];
const plain = (json: JSONContent) => renderBodyFromJson(json).text;
const only = (json: JSONContent) => {
  const list = listSuggestions(json);
  expect(list).toHaveLength(1);
  return list[0].id;
};

describe("a paragraph turned into a heading while Suggesting", () => {
  const suggested = () => story(...original).edit((tr) => tr.setBlockType(1, 1, storySchema().nodes.heading, { level: 2 }));

  it("fits the schema the server checks saves against, and is one attributed suggestion", () => {
    const json = suggested();
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(json.content?.[0].type).toBe("heading");
    // One suggestion: the node type and the level it sets, both attributed to the suggester.
    expect(json.content?.[0].marks).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "modification", attrs: expect.objectContaining({ type: "nodeType", previousValue: "paragraph", newValue: "heading", authorName: MINJI.name }) })]),
    );
    for (const mark of json.content?.[0].marks ?? []) expect(mark.attrs).toMatchObject({ authorId: MINJI.id, createdAt: AT.toISOString() });
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", author: { name: MINJI.name } }]);
  });

  it("readers see the paragraph", () => {
    const r = renderBodyFromJson(suggested());
    expect(r.html).toMatch(/^<p>Aleppo fell on Friday\.<\/p>/);
    expect(r.html).not.toMatch(/<h2|data-|suggestion/);
  });

  it("accepting makes it a heading, with no suggestion left", () => {
    const json = suggested();
    const accepted = decideSuggestionInDoc(json, only(json), "accept")!;
    expect(accepted.content?.map((n) => n.type)).toEqual(["heading", "paragraph"]);
    expect(accepted.content?.[0].marks ?? []).toEqual([]);
    expect(listSuggestions(accepted)).toEqual([]);
    expect(renderBodyFromJson(accepted).html).toMatch(/^<h2>Aleppo fell on Friday\.<\/h2>/);
  });

  it("rejecting gives back the paragraph exactly", () => {
    const json = suggested();
    const rejected = decideSuggestionInDoc(json, only(json), "reject")!;
    expect(rejected).toEqual(PMNode.fromJSON(storySchema(), { type: "doc", content: original.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) }).toJSON());
  });
});

describe("other structural edits while Suggesting", () => {
  it("splitting a paragraph (Enter): fits, readers see one paragraph, accept splits it, reject joins it back", () => {
    const s = story(...original);
    const json = s.edit((tr) => tr.split(1 + "Aleppo fell".length));
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(plain(json)).toBe(original.join("\n\n"));
    const id = only(json);
    expect(plain(decideSuggestionInDoc(json, id, "accept")!)).toBe(["Aleppo fell", " on Friday.", original[1]].join("\n\n"));
    expect(plain(decideSuggestionInDoc(json, id, "reject")!)).toBe(original.join("\n\n"));
  });

  it("joining two paragraphs (Backspace): fits, accept joins them, reject keeps both", () => {
    const s = story(...original);
    const end = 1 + original[0].length;
    const json = s.edit((tr) => tr.delete(end, end + 2));
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(plain(json)).toBe(original.join("\n\n"));
    const id = only(json);
    expect(plain(decideSuggestionInDoc(json, id, "accept")!)).toBe(original.join(""));
    expect(plain(decideSuggestionInDoc(json, id, "reject")!)).toBe(original.join("\n\n"));
  });

  it("making a list: fits, readers see paragraphs, reject gives back the paragraphs", () => {
    const s = story(...original);
    const json = s.edit((tr, state) => {
      let out: Transaction | null = null;
      const sel = state.apply(tr.setSelection(TextSelection.create(tr.doc, 2)));
      wrapInList(storySchema().nodes.bulletList)(sel, (t) => (out = t));
      return out ?? tr;
    });
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(renderBodyFromJson(json).html).not.toMatch(/<ul|<li/);
    const ids = listSuggestions(json).map((x) => x.id);
    expect(ids.length).toBeGreaterThan(0);
    let rejected = json;
    for (const id of ids) rejected = decideSuggestionInDoc(rejected, id, "reject") ?? rejected;
    expect(renderBodyFromJson(rejected).html).toBe(renderBodyFromJson(PMNode.fromJSON(storySchema(), { type: "doc", content: original.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) }).toJSON()).html);
  });

  it("bold: fits, readers see no bold, accept makes it bold", () => {
    const s = story(...original);
    const json = s.edit((tr) => tr.addMark(1, 7, storySchema().marks.bold.create()));
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(renderBodyFromJson(json).html).not.toContain("<strong>");
    expect(renderBodyFromJson(decideSuggestionInDoc(json, only(json), "accept")!).html).toContain("<strong>Aleppo</strong>");
  });
});

describe("structural suggestions in words (the list, the history, the API)", () => {
  const makeList = () =>
    story(...original).edit((tr, state) => {
      let out: Transaction | null = null;
      const sel = state.apply(tr.setSelection(TextSelection.create(tr.doc, state.doc.child(0).nodeSize + 2)));
      wrapInList(storySchema().nodes.bulletList)(sel, (t) => (out = t));
      return out ?? tr;
    });

  it("a paragraph made a subheading says so, with the block's text", () => {
    const [s] = listSuggestions(story(...original).edit((tr) => tr.setBlockType(1, 1, storySchema().nodes.heading, { level: 2 })));
    expect(s).toMatchObject({ kind: "format", text: "“Aleppo fell on Friday.” → subheading", block: { type: "heading", name: "subheading", text: original[0] } });
  });

  it("a list made of a paragraph is one suggestion that says so (it was “Insert a paragraph break”)", () => {
    const list = listSuggestions(makeList());
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: "format", inserted: "", deleted: "", text: "“The city was quiet.” → bulleted list", block: { type: "bulletList", name: "bulleted list", text: original[1] } });
  });

  it("a quote made of a paragraph, and a small subheading", () => {
    const quoted = story(...original).edit((tr) => tr.wrap(tr.doc.resolve(1).blockRange(tr.doc.resolve(5))!, [{ type: storySchema().nodes.blockquote }]));
    expect(listSuggestions(quoted)).toMatchObject([{ kind: "format", block: { name: "quote" } }]);
    const small = story(...original).edit((tr) => tr.setBlockType(1, 1, storySchema().nodes.heading, { level: 3 }));
    expect(listSuggestions(small)).toMatchObject([{ kind: "format", block: { name: "small subheading" } }]);
  });

  it("a long block's text is cut at a word", () => {
    const long = "Syrian opposition forces have entered Aleppo just three days after a surprise offensive.";
    const [s] = listSuggestions(story(long).edit((tr) => tr.setBlockType(1, 1, storySchema().nodes.heading, { level: 2 })));
    expect(s.block?.text).toBe("Syrian opposition forces have entered Aleppo just three days…");
  });

  it("“Show in the text” selects a suggested heading's own text, not from between blocks", () => {
    const json = story(...original).edit((tr) => tr.setBlockType(1, 1, storySchema().nodes.heading, { level: 2 }));
    const doc = PMNode.fromJSON(storySchema(), json);
    const selection = suggestionSelection(doc, only(json))!;
    expect([selection.$from.parent.type.name, selection.$to.parent.type.name]).toEqual(["heading", "heading"]);
    expect(doc.textBetween(selection.from, selection.to)).toBe(original[0]);
  });

  it("text edits have no block", () => {
    const typed = story(...original).edit((tr) => tr.insertText(" late", 1 + "Aleppo fell".length));
    expect(listSuggestions(typed)).toMatchObject([{ kind: "insert", block: null }]);
  });

  it("the editor marks each suggested block with a class, a label and who suggested it", () => {
    const doc = PMNode.fromJSON(storySchema(), makeList());
    const found = blockSuggestionDecorations(doc)
      .find()
      .map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs);
    expect(found).toEqual([
      { class: "suggestion-block suggestion-block-delete", "data-suggestion-label": "Suggested: remove paragraph", title: `Suggested by ${MINJI.name}, 2026-12-02 10:42 UTC: remove paragraph` },
      { class: "suggestion-block suggestion-block-insert", "data-suggestion-label": "Suggested: new bulleted list", title: `Suggested by ${MINJI.name}, 2026-12-02 10:42 UTC: new bulleted list` },
    ]);
  });
});

describe("structural suggestions the editor sends, as stored", () => {
  const by = (type: string, id = "s1") => ({ type, attrs: { id, authorId: MINJI.id, authorName: MINJI.name, createdAt: AT.toISOString() } });
  const p = (text: string, marks?: JSONContent["marks"]) => ({ type: "paragraph", content: [{ type: "text", text }], ...(marks ? { marks } : {}) });
  const list = (text: string, marks?: JSONContent["marks"], textMarks?: JSONContent["marks"]) => ({
    type: "bulletList",
    marks,
    content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text, ...(textMarks ? { marks: textMarks } : {}) }] }] }],
  });

  it("a list made of the story's last paragraph: readers' text, reject and accept (0.1.8 threw reading past the end)", () => {
    // A stored story has no trailing empty paragraph (the editor's is dropped on save), so the list ends the document.
    const json: JSONContent = { type: "doc", content: [p(original[0]), p(original[1], [by("deletion")]), list(original[1], [by("insertion")])] };
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(renderBodyFromJson(json).html).toBe(`<p>${original[0]}</p><p>${original[1]}</p>`);
    expect(decideSuggestionInDoc(json, "s1", "reject")).toEqual({ type: "doc", content: [p(original[0]), p(original[1])] });
    expect(decideSuggestionInDoc(json, "s1", "accept")).toEqual({ type: "doc", content: [p(original[0]), list(original[1])] });
  });

  it("a paragraph suggested at the very end: readers do not see it, reject drops it", () => {
    const json: JSONContent = { type: "doc", content: [p(original[0]), p(original[1], [by("insertion")])] };
    expect(renderBodyFromJson(json).text).toBe(original[0]);
    expect(decideSuggestionInDoc(json, "s1", "reject")).toEqual({ type: "doc", content: [p(original[0])] });
  });

  it("a list made in a table cell, whose text the package marks too, is one “bulleted list” suggestion", () => {
    const cell = (content: JSONContent[]) => ({ type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content });
    const json: JSONContent = {
      type: "doc",
      content: [{ type: "table", content: [{ type: "tableRow", content: [cell([p("Aleppo", [by("deletion")]), list("Aleppo", [by("insertion")], [by("insertion")])]), cell([p("30 November")])] }] }],
    };
    expect(() => checkBodyDoc(json)).not.toThrow();
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Aleppo” → bulleted list", block: { name: "bulleted list", text: "Aleppo" } }]);
    expect(renderBodyFromJson(decideSuggestionInDoc(json, "s1", "accept")!).html).toContain("<td><ul><li><p>Aleppo</p></li></ul></td>");
    expect(renderBodyFromJson(decideSuggestionInDoc(json, "s1", "reject")!).html).toContain("<td><p>Aleppo</p></td>");
  });
});

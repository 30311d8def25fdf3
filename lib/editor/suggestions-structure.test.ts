/**
 * Structural edits made while Suggesting (issue 11): a paragraph turned into a heading, a split,
 * a join, a list, bold. Each goes through the package's own transform, as the editor does, and
 * the result must fit the story schema the server checks saves against, be decided by accept and
 * reject, and never reach readers.
 */
import { suggestChanges, suggestChangesKey, transformToSuggestionTransaction } from "@handlewithcare/prosemirror-suggest-changes";
import { type Editor, type JSONContent } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { wrapInList } from "@tiptap/pm/schema-list";
import { describe, expect, it } from "vitest";
import { checkBodyDoc, storySchema } from "./body-doc";
import { renderBodyFromJson } from "./render";
import { caretAt, press, suggestingEditor } from "@/lib/testing/headless-editor";
import { blockSuggestionDecorations, newSuggestionId, stampSuggestions, suggestionRefusal, suggestionSelection } from "./suggest-mode";
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

/**
 * The reverse and sideways changes, made through the editor itself (the toolbar's commands, the
 * keys), as a reviewer makes them: an item or a whole list taken out of the list, a list made
 * numbered or bulleted, a subheading made a paragraph. Each must be one suggestion that says what
 * it does, readers must see the text exactly as it was, and accept and reject must give exactly
 * the one or the other.
 */
describe("taking blocks out of lists, and lists and subheadings made another kind, while Suggesting", () => {
  const LIST = "<p>One.</p><ul><li><p>Alpha</p></li><li><p>Beta</p></li></ul><p>Two.</p>";
  const html = (json: JSONContent) => renderBodyFromJson(json).html;
  const suggest = (start: string, act: (e: Editor) => void) => {
    const editor = suggestingEditor(start, MINJI, AT);
    act(editor);
    const json = editor.getJSON();
    expect(() => checkBodyDoc(json)).not.toThrow();
    return { json, editor };
  };
  const decided = (json: JSONContent, decision: "accept" | "reject") => html(decideSuggestionInDoc(json, only(json), decision)!);

  const lastItemOut: [string, (e: Editor) => void][] = [
    ["“Bulleted list” again", (e) => caretAt(e, "Beta").commands.toggleBulletList()],
    ["Shift-Tab", (e) => press(caretAt(e, "Beta"), "Tab", { shift: true })],
    ["Backspace at its start", (e) => press(caretAt(e, "Beta", { before: true }), "Backspace")],
  ];
  it.each(lastItemOut)("the last item made a paragraph (%s) is one “paragraph” suggestion; readers see the list (it was ““Alpha” → bulleted list”)", (_, act) => {
    const { json } = suggest(LIST, act);
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Beta” → paragraph", block: { type: "paragraph", name: "paragraph", text: "Beta" } }]);
    expect(html(json)).toBe(LIST);
    expect(decided(json, "accept")).toBe("<p>One.</p><ul><li><p>Alpha</p></li></ul><p>Beta</p><p>Two.</p>");
    expect(decided(json, "reject")).toBe(LIST);
  });

  it("the first item made a paragraph is that, not the whole list's text deleted (it was “Delete “AlphaBeta””)", () => {
    const { json } = suggest(LIST, (e) => caretAt(e, "Alpha").commands.toggleBulletList());
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Alpha” → paragraph", block: { name: "paragraph", text: "Alpha" } }]);
    expect(html(json)).toBe(LIST);
    expect(decided(json, "accept")).toBe("<p>One.</p><p>Alpha</p><ul><li><p>Beta</p></li></ul><p>Two.</p>");
    expect(decided(json, "reject")).toBe(LIST);
  });

  it("a one-item list made a paragraph: accepting leaves no empty list behind", () => {
    const one = "<p>One.</p><ul><li><p>Alpha</p></li></ul><p>Two.</p>";
    const { json } = suggest(one, (e) => caretAt(e, "Alpha").commands.toggleBulletList());
    expect(html(json)).toBe(one);
    expect(decided(json, "accept")).toBe("<p>One.</p><p>Alpha</p><p>Two.</p>");
    expect(decided(json, "reject")).toBe(one);
  });

  it("a whole list made paragraphs: one suggestion, and readers see the list without an empty paragraph", () => {
    const { json } = suggest(LIST, (e) => {
      caretAt(e, "Alpha", { before: true });
      const from = e.state.selection.from;
      caretAt(e, "Beta").commands.setTextSelection({ from, to: e.state.selection.to });
      e.commands.toggleBulletList();
    });
    expect(html(json)).toBe(LIST);
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Alpha Beta” → paragraph", block: { name: "paragraph", text: "Alpha Beta", count: 2 } }]);
    expect(decided(json, "accept")).toBe("<p>One.</p><p>Alpha</p><p>Beta</p><p>Two.</p>");
    expect(decided(json, "reject")).toBe(LIST);
  });

  it("a bulleted list made numbered, and a numbered one made bulleted, keeping where it starts", () => {
    const { json } = suggest(LIST, (e) => caretAt(e, "Alpha").commands.toggleOrderedList());
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Alpha Beta” → numbered list", block: { name: "numbered list" } }]);
    expect(html(json)).toBe(LIST);
    expect(decided(json, "accept")).toBe(LIST.replace("<ul>", "<ol>").replace("</ul>", "</ol>"));
    expect(decided(json, "reject")).toBe(LIST);

    const fromThree = LIST.replace("<ul>", '<ol start="3">').replace("</ul>", "</ol>");
    const back = suggest(fromThree, (e) => caretAt(e, "Beta").commands.toggleBulletList()).json;
    expect(listSuggestions(back)).toMatchObject([{ kind: "format", text: "“Alpha Beta” → bulleted list" }]);
    expect(html(back)).toBe(fromThree);
    expect(decided(back, "accept")).toBe(LIST);
    expect(decided(back, "reject")).toBe(fromThree);
  });

  it("a list made numbered next to a numbered list (the editor joins them): readers see both lists as they were", () => {
    const two = "<p>One.</p><ol><li><p>Zero</p></li></ol><ul><li><p>Alpha</p></li></ul><p>Two.</p>";
    const { json } = suggest(two, (e) => caretAt(e, "Alpha").commands.toggleOrderedList());
    expect(html(json)).toBe(two);
    expect(listSuggestions(json)).toHaveLength(1);
    expect(decided(json, "accept")).toBe("<p>One.</p><ol><li><p>Zero</p></li><li><p>Alpha</p></li></ol><p>Two.</p>");
    expect(decided(json, "reject")).toBe(two);
  });

  it("a small subheading made a paragraph: rejecting gives back the small subheading, not a subheading", () => {
    const start = "<p>One.</p><h3>Head</h3><p>Two.</p>";
    const { json } = suggest(start, (e) => caretAt(e, "Head").commands.toggleHeading({ level: 3 }));
    expect(listSuggestions(json)).toMatchObject([{ kind: "format", text: "“Head” → paragraph", block: { name: "paragraph" } }]);
    expect(html(json)).toBe(start);
    expect(decided(json, "accept")).toBe("<p>One.</p><p>Head</p><p>Two.</p>");
    expect(decided(json, "reject")).toBe(start);
  });

  it("an item nested (Tab) and an item split (Enter): readers see the list, accept and reject are exact", () => {
    const nested = suggest(LIST, (e) => press(caretAt(e, "Beta"), "Tab")).json;
    expect(html(nested)).toBe(LIST);
    expect(decided(nested, "accept")).toBe("<p>One.</p><ul><li><p>Alpha</p><ul><li><p>Beta</p></li></ul></li></ul><p>Two.</p>");
    expect(decided(nested, "reject")).toBe(LIST);
    const split = suggest(LIST, (e) => press(caretAt(e, "Al"), "Enter")).json;
    expect(html(split)).toBe(LIST);
    expect(decided(split, "accept")).toBe("<p>One.</p><ul><li><p>Al</p></li><li><p>pha</p></li><li><p>Beta</p></li></ul><p>Two.</p>");
    expect(decided(split, "reject")).toBe(LIST);
  });

  it("blocks that already hold a suggestion are not moved again: refused, with a reason, and readers' text stays whole (it was “Alpha” and “pha”)", () => {
    const start = "<p>One.</p><p>Alpha</p><p>Two.</p>";
    const editor = suggestingEditor(start, MINJI, AT);
    caretAt(editor, "Alpha").commands.toggleBulletList();
    const suggested = editor.getJSON();
    caretAt(editor, "Alpha").commands.toggleBulletList();
    expect(editor.getJSON()).toEqual(suggested);
    expect(suggestionRefusal(editor.state)).toMatch(/already have a suggestion/);
    expect(html(editor.getJSON())).toBe(start);
    // The reason goes once the reviewer moves on.
    caretAt(editor, "One.");
    expect(suggestionRefusal(editor.state)).toBeNull();
  });

  it("the editor labels the blocks of an item made a paragraph", () => {
    const { editor } = suggest(LIST, (e) => caretAt(e, "Beta").commands.toggleBulletList());
    const labels = blockSuggestionDecorations(editor.state.doc)
      .find()
      .map((d) => (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs["data-suggestion-label"]);
    expect(labels).toEqual(["Suggested: remove bulleted list", "Suggested: new bulleted list", "Suggested: new paragraph"]);
  });
});

describe("a block that already carries a suggestion, changed again while Suggesting", () => {
  const html = (e: Editor) => renderBodyFromJson(e.getJSON()).html;
  const start = "<p>One.</p><p>Head</p><ul><li><p>Alpha</p></li></ul><p>Two.</p>";

  it("the suggester's own subheading taken back is withdrawn: readers never see a subheading (they did, after it was taken back)", () => {
    const editor = suggestingEditor(start, MINJI, AT);
    caretAt(editor, "Head").commands.toggleHeading({ level: 2 });
    caretAt(editor, "Head").commands.toggleHeading({ level: 2 });
    expect(html(editor)).toBe(start);
    expect(listSuggestions(editor.getJSON())).toEqual([]);
    expect(editor.getJSON()).toEqual(suggestingEditor(start, MINJI, AT).getJSON());
  });

  it("the suggester's own numbered list made bulleted again is withdrawn (readers saw a numbered list)", () => {
    const editor = suggestingEditor(start, MINJI, AT);
    caretAt(editor, "Alpha").commands.toggleOrderedList();
    caretAt(editor, "Alpha").commands.toggleBulletList();
    expect(html(editor)).toBe(start);
    expect(listSuggestions(editor.getJSON())).toEqual([]);
  });

  it("someone else's suggested subheading, a suggested subheading made smaller, a struck-through list made numbered: refused, nothing lost", () => {
    const other = suggestingEditor(start, { id: "user_other", name: "Hana Park" }, AT);
    caretAt(other, "Head").commands.toggleHeading({ level: 2 });
    const editor = suggestingEditor(other.getHTML(), MINJI, AT);
    const theirs = editor.getJSON();
    caretAt(editor, "Head").commands.toggleHeading({ level: 2 });
    expect(editor.getJSON()).toEqual(theirs);
    expect(suggestionRefusal(editor.state)).toMatch(/already have a suggestion/);
    caretAt(editor, "Head").commands.toggleHeading({ level: 3 });
    expect(editor.getJSON()).toEqual(theirs);

    const lifted = suggestingEditor("<p>One.</p><ul><li><p>Alpha</p></li><li><p>Beta</p></li></ul><p>Two.</p>", MINJI, AT);
    caretAt(lifted, "Beta").commands.toggleBulletList();
    const once = lifted.getJSON();
    caretAt(lifted, "Alpha").commands.toggleOrderedList();
    expect(lifted.getJSON()).toEqual(once);
    expect(listSuggestions(once)).toMatchObject([{ text: "“Beta” → paragraph" }]);
  });
});

import { suggestChanges, suggestChangesKey, transformToSuggestionTransaction } from "@handlewithcare/prosemirror-suggest-changes";
import { getSchema, type JSONContent } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, type Transaction } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { storyExtensions } from "./extensions";
import { renderBodyFromHtml, renderBodyFromJson, editorHtmlFromJson } from "./render";
import { newSuggestionId, stampSuggestions } from "./suggest-mode";
import { decideSuggestionInDoc, listSuggestions, withoutSuggestions } from "./suggestions";

const schema = getSchema(storyExtensions);
const SENTENCE = "Syrian insurgents entered the old grey city on Friday.";
const MINJI = { id: "user_minji", name: "Minji Kim" };
const AT = new Date("2026-12-02T10:42:00.000Z");

/** A story in Suggesting mode, edited through the package's own transform, as the editor does. */
function suggesting(text = SENTENCE) {
  const doc = PMNode.fromJSON(schema, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
  let state = EditorState.create({ doc, plugins: [suggestChanges()] });
  state = state.apply(state.tr.setMeta(suggestChangesKey, { skip: true, enabled: true }));
  const at = (word: string) => 1 + state.doc.textContent.indexOf(word);
  const edit = (make: (tr: Transaction) => Transaction, now = AT) => {
    const tracked = transformToSuggestionTransaction(make(state.tr), state, newSuggestionId);
    state = state.apply(tracked);
    const stamp = stampSuggestions(state, MINJI, now);
    if (stamp) state = state.apply(stamp);
  };
  return {
    insert: (after: string, text: string) => edit((tr) => tr.insertText(text, at(after) + after.length)),
    remove: (word: string) => edit((tr) => tr.delete(at(word), at(word) + word.length)),
    replace: (word: string, text: string) => edit((tr) => tr.insertText(text, at(word), at(word) + word.length)),
    json: () => state.doc.toJSON() as JSONContent,
    /** Type one character at a time after `after`, a minute apart. */
    typeSlowly: (after: string, text: string) =>
      [...text].forEach((ch, i) => edit((tr) => tr.insertText(ch, at(after) + after.length + i), new Date(AT.getTime() + i * 60_000))),
  };
}

/** The three suggestions of the Aleppo scenario: an insertion, a deletion and a replacement. */
function aleppo() {
  const s = suggesting();
  s.insert("city", " of Aleppo");
  s.remove("grey ");
  s.replace("Friday", "Saturday");
  return s.json();
}

const plain = (json: JSONContent) => renderBodyFromJson(json).text;

describe("listSuggestions", () => {
  it("lists an insertion, a deletion and a replacement in reading order, attributed and timestamped", () => {
    const list = listSuggestions(aleppo());
    expect(list.map((s) => [s.kind, s.inserted, s.deleted])).toEqual([
      ["delete", "", "grey "],
      ["insert", " of Aleppo", ""],
      ["replace", "Saturday", "Friday"],
    ]);
    expect(list.map((s) => s.text)).toEqual(["“grey”", "“of Aleppo”", "“Friday” → “Saturday”"]);
    for (const s of list) expect(s).toMatchObject({ author: { id: MINJI.id, name: MINJI.name }, createdAt: AT.toISOString() });
    expect(new Set(list.map((s) => s.id)).size).toBe(3);
  });

  it("typing a suggestion key by key makes one suggestion, stamped with the time of its first key", () => {
    const s = suggesting();
    s.typeSlowly("city", " west");
    expect(listSuggestions(s.json())).toEqual([expect.objectContaining({ kind: "insert", inserted: " west", createdAt: AT.toISOString(), author: { id: MINJI.id, name: MINJI.name } })]);
    // Every piece carries the same stamp, so the text joins into one run (one <ins>) in the editor.
    const stamps = new Set(JSON.stringify(s.json()).match(/"createdAt":"[^"]+"/g));
    expect([...stamps]).toEqual([`"createdAt":"${AT.toISOString()}"`]);
  });

  it("finds none in a story without suggestions", () => {
    expect(listSuggestions(renderBodyFromHtml(`<p>${SENTENCE}</p>`).json)).toEqual([]);
  });
});

describe("deciding suggestions on the server", () => {
  it("accepts two and rejects one: exactly the text the writer chose", () => {
    let json = aleppo();
    const [deletion, insertion, replacement] = listSuggestions(json);
    json = decideSuggestionInDoc(json, insertion!.id, "accept")!;
    json = decideSuggestionInDoc(json, replacement!.id, "accept")!;
    json = decideSuggestionInDoc(json, deletion!.id, "reject")!;
    expect(listSuggestions(json)).toEqual([]);
    expect(plain(json)).toBe("Syrian insurgents entered the old grey city of Aleppo on Saturday.");
    expect(JSON.stringify(json)).not.toMatch(/insertion|deletion|\u200B/);
  });

  it("accepting a deletion removes the words and the space they leave", () => {
    const json = aleppo();
    const [deletion] = listSuggestions(json);
    const after = decideSuggestionInDoc(json, deletion!.id, "accept")!;
    expect(listSuggestions(after).map((s) => s.kind)).toEqual(["insert", "replace"]);
    expect(plain(withoutSuggestions(after))).toBe("Syrian insurgents entered the old city on Friday.");
  });

  it("rejecting leaves every other suggestion open", () => {
    const json = aleppo();
    const [, insertion] = listSuggestions(json);
    const after = decideSuggestionInDoc(json, insertion!.id, "reject")!;
    expect(listSuggestions(after).map((s) => s.kind)).toEqual(["delete", "replace"]);
  });

  it("decides exactly the chosen suggestion: a formatting-only suggestion elsewhere stays open either way", () => {
    // A line break made bold in Suggesting (a formatting-only suggestion, a modification mark),
    // then a word inserted before it.
    const doc = PMNode.fromJSON(schema, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: SENTENCE }, { type: "hardBreak" }, { type: "text", text: "Aftermath" }] }] });
    let state = EditorState.create({ doc, plugins: [suggestChanges()] });
    state = state.apply(state.tr.setMeta(suggestChangesKey, { skip: true, enabled: true }));
    const brAt = 1 + SENTENCE.length;
    state = state.apply(transformToSuggestionTransaction(state.tr.addNodeMark(brAt, schema.marks.bold!.create()), state, newSuggestionId));
    state = state.apply(transformToSuggestionTransaction(state.tr.insertText(" of Aleppo", 1 + SENTENCE.indexOf("city") + 4), state, newSuggestionId));
    const json = state.doc.toJSON() as JSONContent;
    const [insertion, format] = listSuggestions(json);
    expect([insertion?.kind, format?.kind]).toEqual(["insert", "format"]);
    const brMarks = (j: JSONContent) => (j.content?.[0]?.content ?? []).find((n) => n.type === "hardBreak")?.marks?.map((m) => m.type).sort() ?? [];
    expect(brMarks(json)).toEqual(["bold", "modification"]);

    const accepted = decideSuggestionInDoc(json, insertion!.id, "accept")!;
    expect(listSuggestions(accepted).map((s) => [s.id, s.kind])).toEqual([[format!.id, "format"]]);
    expect(brMarks(accepted)).toEqual(["bold", "modification"]);
    expect(plain(withoutSuggestions(accepted))).toContain("city of Aleppo on Friday.");

    const rejected = decideSuggestionInDoc(json, insertion!.id, "reject")!;
    expect(listSuggestions(rejected).map((s) => [s.id, s.kind])).toEqual([[format!.id, "format"]]);
    expect(brMarks(rejected)).toEqual(["bold", "modification"]);
    expect(plain(rejected)).not.toContain("Aleppo");

    // The formatting suggestion itself: accepting keeps the bold, rejecting takes it off; the insertion stays open.
    const formatAccepted = decideSuggestionInDoc(json, format!.id, "accept")!;
    expect(brMarks(formatAccepted)).toEqual(["bold"]);
    expect(listSuggestions(formatAccepted).map((s) => s.id)).toEqual([insertion!.id]);
    const formatRejected = decideSuggestionInDoc(json, format!.id, "reject")!;
    expect(brMarks(formatRejected)).toEqual([]);
    expect(listSuggestions(formatRejected).map((s) => s.id)).toEqual([insertion!.id]);
  });

  it("answers null for a suggestion the story does not have", () => {
    expect(decideSuggestionInDoc(aleppo(), "s-missing", "accept")).toBeNull();
  });
});

describe("rendering for readers", () => {
  it("shows the story as if every suggestion were rejected: no inserted text, deleted text kept plain", () => {
    const r = renderBodyFromJson(aleppo());
    expect(r.html).toBe(`<p>${SENTENCE}</p>`);
    expect(r.text).toBe(SENTENCE);
    expect(r.wordCount).toBe(9);
    // The stored JSON keeps the suggestions for the editor.
    expect(listSuggestions(r.json)).toHaveLength(3);
  });

  it("round-trips the editor's HTML: the server keeps the suggestions in the JSON and out of the reader's HTML", () => {
    const html = editorHtmlFromJson(JSON.stringify(aleppo()));
    expect(html).toContain(`data-author-name="Minji Kim"`);
    expect(html).toMatch(/<ins [^>]*class="suggestion suggestion-insert"/);
    const saved = renderBodyFromHtml(html);
    expect(listSuggestions(saved.json).map((s) => [s.kind, s.author.name, s.createdAt])).toEqual(listSuggestions(aleppo()).map((s) => [s.kind, MINJI.name, AT.toISOString()]));
    expect(saved.html).toBe(`<p>${SENTENCE}</p>`);
    expect(saved.html).not.toMatch(/Aleppo|Saturday|<ins|<del|data-/);
  });

  it("a paragraph break suggested between two paragraphs never shows its zero-width marker to readers", () => {
    const doc = PMNode.fromJSON(schema, { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "One." }] }, { type: "paragraph", content: [{ type: "text", text: "Two." }] }] });
    let state = EditorState.create({ doc, plugins: [suggestChanges()] });
    state = state.apply(state.tr.setMeta(suggestChangesKey, { skip: true, enabled: true }));
    // Joining the paragraphs (Backspace at the start of the second).
    state = state.apply(transformToSuggestionTransaction(state.tr.delete(5, 7), state, newSuggestionId));
    const r = renderBodyFromJson(state.doc.toJSON() as JSONContent);
    expect(r.text).toBe("One.\n\nTwo.");
    expect(r.html).not.toContain("\u200B");
  });
});

describe("the sanitiser", () => {
  it("drops a suggested insertion with its text even if one reaches it, and unwraps a deletion", () => {
    const r = renderBodyFromHtml(`<p>Keep <ins>secret</ins><del>this</del></p>`);
    expect(r.html).toBe("<p>Keep secretthis</p>");
    // Unmarked <ins>/<del> from a paste are plain text; marked ones are suggestions, which readers never see.
    const marked = renderBodyFromHtml(`<p>Keep <ins data-suggestion-id="x1" data-author-name="A">secret</ins><del data-suggestion-id="x2">this</del></p>`);
    expect(marked.html).toBe("<p>Keep this</p>");
  });
});

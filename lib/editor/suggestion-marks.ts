/**
 * The suggestion marks of @handlewithcare/prosemirror-suggest-changes as Tiptap marks, so a
 * suggestion is part of the story's JSON (it survives autosave, reloads, conflicts and
 * revisions). The package's specs keep their names, `inclusive` and `excludes` (its plugin and
 * commands find them by name); each mark adds who suggested it and when. The public renderer
 * never shows them: render.ts renders the text as if every suggestion were rejected.
 */
import { deletion, insertion, modification } from "@handlewithcare/prosemirror-suggest-changes";
import { Mark, mergeAttributes } from "@tiptap/core";

export const SUGGESTION_MARKS = ["insertion", "deletion", "modification"] as const;
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number];

/** Attributes every suggestion carries, as `data-*` attributes in the editor's HTML. */
function attribution() {
  const attr = (key: string, name: string) => ({
    default: null,
    parseHTML: (el: HTMLElement) => el.getAttribute(`data-${name}`),
    renderHTML: (attrs: Record<string, unknown>) => (attrs[key] ? { [`data-${name}`]: String(attrs[key]) } : {}),
  });
  return { id: attr("id", "suggestion-id"), authorId: attr("authorId", "author-id"), authorName: attr("authorName", "author-name"), createdAt: attr("createdAt", "created-at") };
}

/** "Suggested by Minji Kim, 2 Dec 2026 10:42": the tooltip on hover (the editor shows it on focus too). */
export function describeSuggester(attrs: Record<string, unknown>): string {
  const who = typeof attrs.authorName === "string" && attrs.authorName ? attrs.authorName : "someone";
  const at = typeof attrs.createdAt === "string" ? new Date(attrs.createdAt) : null;
  const when = at && !Number.isNaN(at.getTime()) ? `, ${at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return `Suggested by ${who}${when}`;
}

function suggestionMark(name: "insertion" | "deletion", tag: "ins" | "del", spec: typeof insertion) {
  return Mark.create({
    name,
    inclusive: spec.inclusive ?? false,
    excludes: spec.excludes,
    addAttributes: attribution,
    parseHTML() {
      return [{ tag: `${tag}[data-suggestion-id]` }];
    },
    renderHTML({ HTMLAttributes, mark }) {
      const what = name === "insertion" ? "insert" : "delete";
      return [tag, mergeAttributes({ class: `suggestion suggestion-${what}`, title: `${describeSuggester(mark.attrs)}: ${what}` }, HTMLAttributes), 0];
    },
  });
}

export const InsertionMark = suggestionMark("insertion", "ins", insertion);
export const DeletionMark = suggestionMark("deletion", "del", deletion);

/** A change of formatting or attributes suggested on unchanged text (bold, a heading level). */
export const ModificationMark = Mark.create({
  name: "modification",
  inclusive: false,
  excludes: modification.excludes,
  addAttributes() {
    const json = (name: string) => ({
      default: null,
      parseHTML: (el: HTMLElement) => {
        const raw = el.getAttribute(`data-mod-${name}`);
        try {
          return raw === null ? null : (JSON.parse(raw) as unknown);
        } catch {
          return null;
        }
      },
      renderHTML: (attrs: Record<string, unknown>) => {
        const key = name === "prev" ? "previousValue" : name === "new" ? "newValue" : name === "attr" ? "attrName" : "type";
        return attrs[key] === null || attrs[key] === undefined ? {} : { [`data-mod-${name}`]: JSON.stringify(attrs[key]) };
      },
    });
    return { ...attribution(), type: json("type"), attrName: json("attr"), previousValue: json("prev"), newValue: json("new") };
  },
  parseHTML() {
    return [{ tag: "span[data-suggestion-id][data-mod-type]" }];
  },
  renderHTML({ HTMLAttributes, mark }) {
    return ["span", mergeAttributes({ class: "suggestion suggestion-format", title: `${describeSuggester(mark.attrs)}: formatting` }, HTMLAttributes), 0];
  },
});

/**
 * The marks a node holding blocks (the document, a quote, a list, a list item, a table cell) lets
 * its blocks carry: the package's README asks for them as block marks. A paragraph turned into a
 * heading is a `modification` mark on the heading; a list made or an item added marks the new
 * block as an `insertion`. Without them ProseMirror refuses the step ("Invalid content for node
 * doc"). (Tiptap's extendNodeSchema cannot set `marks`: the node's own field overwrites it.)
 */
export const BLOCK_SUGGESTION_MARKS = SUGGESTION_MARKS.join(" ");

export const suggestionMarks = [InsertionMark, DeletionMark, ModificationMark];

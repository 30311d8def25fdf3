/**
 * Word, Google Docs and LibreOffice HTML (a clipboard paste, or mammoth's output for a .docx)
 * made into HTML the story schema keeps whole. Pure DOM work on a Document the caller parses:
 * the browser's DOMParser on paste (office-paste.ts), happy-dom on the server (render.ts,
 * docx.ts), so the same code is tested on real clipboard captures in Node.
 *
 * Rules that always hold:
 * - No word is lost: list markers that Word types into the text (`·`, `1)`) are the only text
 *   removed, besides footnote marks that are rebuilt as links.
 * - Every in-page link that survives points at an id the story keeps (a note or its reference);
 *   any other `#…` link (Word bookmarks, a table of contents) is unlinked and keeps its text.
 * - Running it twice changes nothing more than running it once.
 */

/** Ids the story keeps: a note (`story-note-3`) and the reference to it (`story-note-ref-3`). */
export const NOTE_ID = /^story-note(?:-ref)?-[1-9][0-9]{0,3}$/;

export type OfficeCleanOptions = {
  /**
   * Map the document's heading levels by rank onto the editor's two (h2, h3). On for a .docx
   * and for a paste from an office program; off for other bodies, whose h2/h3 mean what they say.
   */
  rankHeadings?: boolean;
};

const LIST = "ul, ol";
const HEADINGS = "h1, h2, h3, h4, h5, h6";

/** Word's conditional comments, kept only when they cannot run past their own end. */
export function stripConditionalComments(html: string): string {
  return html.replace(/<!--\[if[^\]]*\]>(?:(?!-->)[\s\S])*?<!\[endif\]-->/gi, "");
}

/** True when `html` was written by Word, Google Docs or LibreOffice. */
export function isOfficeHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class="?Mso|mso-list:|docs-internal-guid|content="LibreOffice|<meta[^>]+Generator[^>]+(?:Microsoft|LibreOffice)/i.test(html);
}

/** Clean `html` with `parse` (a DOMParser for text/html); returns the body's HTML and what could not be kept. */
export function cleanOfficeHtml(html: string, parse: (html: string) => Document, options: OfficeCleanOptions = {}): { html: string; warnings: string[] } {
  const doc = parse(stripConditionalComments(html));
  const warnings = cleanOfficeDocument(doc, options);
  return { html: doc.body.innerHTML, warnings };
}

/** Clean a parsed document in place; returns one sentence per thing that could not be kept. */
export function cleanOfficeDocument(doc: Document, options: OfficeCleanOptions = {}): string[] {
  const warnings: string[] = [];
  const formats = wordListFormats(doc);
  for (const el of Array.from(doc.body.getElementsByTagName("o:p"))) el.remove();
  rebuildWordLists(doc, formats);
  fixNestedLists(doc);
  dropEmptyListItems(doc);
  warnings.push(...flattenNestedTables(doc));
  if (options.rankHeadings) warnings.push(...rankHeadings(doc));
  rebuildNotes(doc);
  unlinkDeadAnchors(doc);
  return warnings;
}

function styleOf(el: Element): string {
  return (el.getAttribute("style") ?? "").replace(/\s+/g, "");
}

/** `@list l0:level2 {mso-level-number-format:bullet}` from Word's style sheet: ordered or not, by list and level. */
function wordListFormats(doc: Document): Map<string, boolean> {
  const formats = new Map<string, boolean>();
  const css = Array.from(doc.getElementsByTagName("style"))
    .map((s) => s.textContent ?? "")
    .join("\n");
  for (const m of css.matchAll(/@list\s+(l\d+):level(\d+)\s*\{([^}]*)\}/gi)) {
    const format = /mso-level-number-format:\s*([\w-]+)/i.exec(m[3]!)?.[1]?.toLowerCase();
    // Word leaves the format out for decimal numbering, its default.
    formats.set(`${m[1]}:${m[2]}`, format !== "bullet" && format !== "image");
  }
  return formats;
}

type WordItem = { el: Element; list: string; level: number; ordered: boolean; start: number };

/** Word's typed list marker: `1.`, `a)`, `iv.` are numbers; `·`, `o`, `§` and the like are bullets. */
function markerNumber(marker: string): number | null {
  const m = /^\(?([0-9]{1,4}|[a-z]|[ivxlcdm]{1,6})[.)]$/i.exec(marker.replace(/[\s\u00a0]/g, ""));
  if (!m) return null;
  const v = m[1]!;
  if (/^[0-9]+$/.test(v)) return Number(v);
  return /^[a-z]$/i.test(v) && !/^[ivxlcdm]$/i.test(v) ? v.toLowerCase().charCodeAt(0) - 96 : 1;
}

function wordListItem(el: Element, formats: Map<string, boolean>): WordItem | null {
  const m = /mso-list:(l\d+)level(\d+)(lfo\d+)?/i.exec(styleOf(el));
  if (!m) return null;
  const ignore = Array.from(el.querySelectorAll("span")).filter((s) => /mso-list:Ignore/i.test(styleOf(s)));
  const marker = ignore.map((s) => s.textContent ?? "").join("");
  for (const s of ignore) s.remove();
  const number = markerNumber(marker);
  const byStyle = formats.get(`${m[1]}:${m[2]}`);
  return { el, list: m[3] ?? m[1]!, level: Math.min(Number(m[2]), 9), ordered: byStyle ?? number !== null, start: number ?? 1 };
}

/** The next element sibling, if only whitespace stands between. */
function nextElement(el: Element): Element | null {
  let n = el.nextSibling;
  while (n && n.nodeType !== 1) {
    if (n.nodeType === 3 && (n.textContent ?? "").trim() !== "") return null;
    n = n.nextSibling;
  }
  return n as Element | null;
}

/**
 * Word's list paragraphs (`<p style="mso-list:l0 level2 lfo1">` with the marker in a
 * `mso-list:Ignore` span) become nested `<ul>`/`<ol>`, as CKEditor's paste-from-office does:
 * a run of adjacent list paragraphs is one list, and each level opens a list inside the item
 * before it. A numbered heading keeps its heading and loses only the typed number.
 */
function rebuildWordLists(doc: Document, formats: Map<string, boolean>) {
  const candidates = Array.from(doc.body.querySelectorAll(`p, div, ${HEADINGS}`)).filter((el) => /mso-list:l\d/i.test(styleOf(el)));
  const done = new Set<Element>();
  for (const first of candidates) {
    if (done.has(first)) continue;
    if (/^h[1-6]$/i.test(first.tagName)) {
      wordListItem(first, formats);
      done.add(first);
      continue;
    }
    const run: WordItem[] = [];
    for (let el: Element | null = first; el && !/^h[1-6]$/i.test(el.tagName); el = nextElement(el)) {
      const item = candidates.includes(el) ? wordListItem(el, formats) : null;
      if (!item) break;
      run.push(item);
      done.add(el);
    }
    buildLists(doc, run);
  }
}

function buildLists(doc: Document, run: WordItem[]) {
  if (run.length === 0) return;
  const anchor = run[0]!.el;
  const root = doc.createElement("div");
  anchor.before(root);
  type Open = { list: Element; level: number; ordered: boolean; id: string };
  const stack: Open[] = [];
  const open = (item: WordItem, parent: Element) => {
    const list = doc.createElement(item.ordered ? "ol" : "ul");
    if (item.ordered && item.start > 1) list.setAttribute("start", String(item.start));
    parent.appendChild(list);
    stack.push({ list, level: item.level, ordered: item.ordered, id: item.list });
    return list;
  };
  for (const item of run) {
    while (stack.length > 0 && stack.at(-1)!.level > item.level) stack.pop();
    let top = stack.at(-1);
    // A different list, or another kind at the same level, starts a list of its own.
    if (top && top.level === item.level && (top.ordered !== item.ordered || (stack.length === 1 && top.id !== item.list))) {
      stack.pop();
      top = stack.at(-1);
    }
    let list: Element;
    if (top && top.level === item.level) list = top.list;
    else if (top) {
      const lastItem = top.list.lastElementChild ?? top.list.appendChild(doc.createElement("li"));
      list = open(item, lastItem);
    } else list = open(item, root);
    const li = doc.createElement("li");
    const p = doc.createElement("p");
    while (item.el.firstChild) p.appendChild(item.el.firstChild);
    li.appendChild(p);
    list.appendChild(li);
    item.el.remove();
  }
  while (root.firstChild) root.before(root.firstChild);
  root.remove();
}

/**
 * Google Docs nests a list directly in a list (`<ol><ol><li>`), and a paste that starts inside
 * a nested list opens with lists that hold no item of their own. A nested list joins the item
 * before it. With none before it, it has no parent item in the paste: a list of the same kind
 * gives its items to its parent list at that place (so a paste starting at level 5 is one list,
 * not a stack of separate ones); a list of another kind moves out in front of its parent,
 * keeping its own type.
 */
function fixNestedLists(doc: Document) {
  // Docs writes the numbering on each item: an <ul> whose items are all numbered is an <ol>.
  for (const ul of Array.from(doc.body.querySelectorAll("ul"))) {
    const items = Array.from(ul.children).filter((c) => c.tagName.toLowerCase() === "li");
    if (items.length > 0 && items.every((li) => /list-style-type:(decimal|lower-alpha|upper-alpha|lower-roman|upper-roman)/i.test(styleOf(li)))) {
      const ol = doc.createElement("ol");
      while (ul.firstChild) ol.appendChild(ul.firstChild);
      ul.replaceWith(ol);
    }
  }
  for (let guard = 0; guard < 1000; guard++) {
    const nested = Array.from(doc.body.querySelectorAll(LIST)).find((l) => l.parentElement?.matches(LIST));
    if (!nested) break;
    const parent = nested.parentElement!;
    const before = nested.previousElementSibling;
    if (before?.tagName.toLowerCase() === "li") before.appendChild(nested);
    else if (nested.tagName === parent.tagName) nested.replaceWith(...Array.from(nested.childNodes));
    else {
      parent.before(nested);
      if (parent.children.length === 0) parent.remove();
    }
  }
}

function isEmptyItem(li: Element): boolean {
  return (li.textContent ?? "").replace(/[\s\u00a0]/g, "") === "" && !li.querySelector("img, ul, ol, table");
}

/** An item that holds nothing but deeper lists (Word skipping a level: `<li><ul><li>C4`). */
function isHeadless(li: Element): boolean {
  return li.children.length > 0 && Array.from(li.childNodes).every((n) => (n.nodeType === 1 ? (n as Element).matches(LIST) : (n.textContent ?? "").trim() === ""));
}

/**
 * Drop empty items. A headless item's lists join the item before it, or, with none before,
 * stand in front of their parent list: the story schema would give it an empty bullet.
 */
function dropEmptyListItems(doc: Document) {
  for (const li of Array.from(doc.body.querySelectorAll("li")).reverse()) {
    if (!isHeadless(li)) continue;
    const before = li.previousElementSibling;
    const lists = Array.from(li.children);
    if (before?.tagName.toLowerCase() === "li") before.append(...lists);
    else li.parentElement?.before(...lists);
    const parent = li.parentElement;
    li.remove();
    if (parent && parent.children.length === 0) parent.remove();
  }
  for (const li of Array.from(doc.body.querySelectorAll("li")).reverse()) if (isEmptyItem(li)) li.remove();
  for (const list of Array.from(doc.body.querySelectorAll(LIST)).reverse()) if (list.children.length === 0) list.remove();
}

/** The story has simple tables: one inside a cell gives up its grid, keeping its text. */
function flattenNestedTables(doc: Document): string[] {
  let count = 0;
  for (;;) {
    const inner = Array.from(doc.body.querySelectorAll("table")).find((t) => t.parentElement?.closest("table"));
    if (!inner) break;
    count++;
    const frag = doc.createDocumentFragment();
    for (const cell of Array.from(inner.querySelectorAll("td, th"))) {
      if (cell.closest("table") !== inner) continue;
      const blocks = cell.querySelector("p, h1, h2, h3, h4, h5, h6, ul, ol, div");
      if (blocks) while (cell.firstChild) frag.appendChild(cell.firstChild);
      else {
        const p = doc.createElement("p");
        while (cell.firstChild) p.appendChild(cell.firstChild);
        frag.appendChild(p);
      }
    }
    inner.replaceWith(frag);
  }
  if (count === 0) return [];
  return [`${count === 1 ? "A table inside a table cell" : `${count} tables inside table cells`} lost ${count === 1 ? "its" : "their"} grid: the text is kept in the outer cell, one paragraph per cell.`];
}

function headingLevel(el: Element): number {
  return Number(el.tagName.slice(1));
}

/**
 * The editor has two heading sizes, "Subheading" (h2) and "Small subheading" (h3). The
 * document's highest heading level becomes h2, the next h3, and any deeper ones h3 as well,
 * which the warning names. A .docx title (`h1.mh-title`) is h2 and a subtitle h3, whatever else.
 */
function rankHeadings(doc: Document): string[] {
  const all = Array.from(doc.body.querySelectorAll(HEADINGS));
  const fixed = (el: Element) => el.classList.contains("mh-title") || el.classList.contains("mh-subtitle");
  const levels = [...new Set(all.filter((el) => !fixed(el)).map(headingLevel))].sort((a, b) => a - b);
  for (const el of all) {
    const target = el.classList.contains("mh-title") ? 2 : el.classList.contains("mh-subtitle") ? 3 : levels.indexOf(headingLevel(el)) === 0 ? 2 : 3;
    el.classList.remove("mh-title", "mh-subtitle");
    if (!el.getAttribute("class")) el.removeAttribute("class");
    if (headingLevel(el) === target) continue;
    const h = doc.createElement(`h${target}`);
    while (el.firstChild) h.appendChild(el.firstChild);
    el.replaceWith(h);
  }
  if (levels.length <= 2) return [];
  const names = levels.slice(1).map((l) => `Heading ${l}`);
  return [`${names.slice(0, -1).join(", ")} and ${names.at(-1)} all became small subheadings: the editor has two heading sizes.`];
}

/**
 * Footnotes and endnotes, from mammoth (`#footnote-1` → `<li id="footnote-1">`), Word's
 * clipboard (`#_ftn1` → `<div style="mso-element:footnote" id="ftn1">`) or LibreOffice
 * (`#sdfootnote1sym` → `<div id="sdfootnote1">` holding `<a name="sdfootnote1sym">`), become
 * numbered links to a "Notes" list at the end, each note linking back to where it was cited.
 */
function rebuildNotes(doc: Document) {
  const homes: Element[] = [
    ...Array.from(doc.body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]')),
    ...Array.from(doc.body.querySelectorAll("div[id]")).filter((d) => /mso-element:(footnote|endnote)(?!-)/i.test(styleOf(d)) || /^sd(foot|end)note\d+$/.test(d.id)),
  ];
  if (homes.length === 0) return;
  // Every name a reference may use for a note: the home's id, and the anchors inside it.
  const byKey = new Map<string, Element>();
  for (const home of homes) {
    byKey.set(home.id, home);
    for (const a of Array.from(home.querySelectorAll("a[name], a[id]"))) byKey.set(a.getAttribute("name") || a.id, home);
  }
  const keyOf = (a: Element) => {
    const id = (a.getAttribute("href") ?? "").slice(1);
    return byKey.has(id) ? id : byKey.has(id.replace(/^_/, "")) ? id.replace(/^_/, "") : null;
  };
  const inside = (a: Element) => homes.some((h) => h.contains(a));
  const refs = Array.from(doc.body.querySelectorAll("a[href^='#']")).filter((a) => keyOf(a) !== null && !inside(a));
  // The back links and number marks inside each note go: the rebuilt note gets its own.
  const bodies = new Map<Element, Element[]>();
  for (const home of homes) {
    for (const a of Array.from(home.querySelectorAll("a[href^='#']"))) if (refs.some((r) => r.contains(a) || a === r) || /^#(_?(ftn|edn)ref|footnote-ref-|endnote-ref-|sd(foot|end)note\d+anc)/.test(a.getAttribute("href") ?? "")) a.remove();
    bodies.set(home, blocksOf(doc, home));
  }
  const list = doc.createElement("ol");
  let n = 0;
  const numbered = new Set<Element>();
  for (const a of refs) {
    const home = byKey.get(keyOf(a)!)!;
    if (numbered.has(home)) {
      a.replaceWith(...Array.from(a.childNodes));
      continue;
    }
    numbered.add(home);
    n++;
    const link = doc.createElement("a");
    link.setAttribute("href", `#story-note-${n}`);
    link.setAttribute("id", `story-note-ref-${n}`);
    link.textContent = `[${n}]`;
    // Word and mammoth wrap the mark in <sup> or a styled span: the link replaces the lot.
    const holder = a.parentElement && /^(sup|span)$/i.test(a.parentElement.tagName) && a.parentElement.textContent === a.textContent ? a.parentElement : a;
    holder.replaceWith(link);
    const li = doc.createElement("li");
    const back = doc.createElement("a");
    back.setAttribute("href", `#story-note-ref-${n}`);
    back.setAttribute("id", `story-note-${n}`);
    back.textContent = "↑";
    const body = bodies.get(home)!;
    const first = body[0] && /^p$/i.test(body[0].tagName) ? body[0] : doc.createElement("p");
    if (first !== body[0]) li.appendChild(first);
    trimStart(first);
    first.insertBefore(doc.createTextNode(" "), first.firstChild);
    first.insertBefore(back, first.firstChild);
    for (const block of body) li.appendChild(block);
    list.appendChild(li);
  }
  // The notes' old homes go, cited or not (an uncited note has nothing to link back to).
  for (const home of homes) {
    const parent = home.parentElement;
    home.remove();
    if (parent && parent.matches(LIST) && parent.children.length === 0) parent.remove();
    else if (parent && /mso-element:(footnote|endnote)-list/i.test(styleOf(parent)) && parent.children.length === 0) parent.remove();
  }
  if (n === 0) return;
  const heading = doc.createElement("h2");
  heading.textContent = "Notes";
  doc.body.append(heading, list);
}

/** Drop the tabs and spaces a note starts with (Word and LibreOffice put a tab after the number). */
function trimStart(el: Element) {
  for (let node = el.firstChild; node; node = el.firstChild) {
    if (node.nodeType !== 3) break;
    const text = (node.textContent ?? "").replace(/^[\s\u00a0]+/, "");
    if (text) {
      node.textContent = text;
      break;
    }
    node.remove();
  }
}

/** A note's content as block elements (mammoth gives paragraphs; a bare text note gets one). */
function blocksOf(doc: Document, container: Element): Element[] {
  const blocks = Array.from(container.children).filter((c) => /^(p|ul|ol|blockquote|table)$/i.test(c.tagName));
  if (blocks.length > 0) return blocks;
  const p = doc.createElement("p");
  while (container.firstChild) p.appendChild(container.firstChild);
  return [p];
}

/** A `#…` link whose target the story does not keep (a bookmark, a table of contents) keeps its text and loses its link. */
function unlinkDeadAnchors(doc: Document) {
  const kept = new Set(
    Array.from(doc.body.querySelectorAll("a[id]"))
      .map((a) => a.id)
      .filter((id) => NOTE_ID.test(id)),
  );
  for (const a of Array.from(doc.body.querySelectorAll("a"))) {
    const href = a.getAttribute("href");
    if (href !== null && !href.startsWith("#")) continue;
    let target = "";
    try {
      target = decodeURIComponent((href ?? "").slice(1));
    } catch {
      target = "";
    }
    if (href !== null && kept.has(target)) continue;
    // Keep a note's own id (it is a link target); anything else unwraps.
    if (href === null && NOTE_ID.test(a.id)) continue;
    const parent = a.parentNode!;
    while (a.firstChild) parent.insertBefore(a.firstChild, a);
    a.remove();
  }
}

/** Listing pages (sections, tags, authors) live at /…/page/<n>: a path, not ?page=, so each can be cached. */
/** "/…/page/2" → 2; anything but a plain number from 2 up is no such page. */
export function pageNumber(raw: string): number | null {
  if (!/^[1-9]\d{0,4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 2 ? n : null;
}

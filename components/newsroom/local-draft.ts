/**
 * Unsaved edits kept on the device (localStorage) until the server acknowledges them, so a
 * crash, a closed tab or a dropped connection never costs a word.
 */
/** `leadImageCaption`: the story's own caption for its lead image ("": the library's). */
export type StoryFields = { headline: string; dek: string; sectionId: string; coAuthorIds: string[]; tags: string; leadImageId: string; leadImageCaption: string; body: string };
export type LocalDraft = StoryFields & { baseVersion: number; savedAt: number };

const key = (articleId: string | null) => `masthead:draft:${articleId ?? "new"}`;

export function readLocalDraft(articleId: string | null): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key(articleId));
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<LocalDraft>;
    if (typeof value.body !== "string" || typeof value.headline !== "string") return null;
    // Drafts kept by an older version of the editor may lack newer fields.
    return { dek: "", sectionId: "", coAuthorIds: [], tags: "", leadImageId: "", leadImageCaption: "", baseVersion: 0, savedAt: Date.now(), ...value } as LocalDraft;
  } catch {
    return null;
  }
}

export function writeLocalDraft(articleId: string | null, draft: LocalDraft): void {
  try {
    window.localStorage.setItem(key(articleId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy and the unload warning still protect the text.
  }
}

export function clearLocalDraft(articleId: string | null): void {
  try {
    window.localStorage.removeItem(key(articleId));
  } catch {
    // Nothing to clear.
  }
}

/** Comparable form of the fields (the body as the editor serialises it). */
export function fingerprint(fields: StoryFields): string {
  return JSON.stringify([fields.headline, fields.dek, fields.sectionId, [...fields.coAuthorIds].sort(), fields.tags ?? "", fields.leadImageId ?? "", fields.leadImageCaption ?? "", fields.body]);
}

/** "Aleppo, Syria , " to ["Aleppo", "Syria"]. */
export function splitTags(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

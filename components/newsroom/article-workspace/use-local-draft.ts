"use client";
import { useCallback, useEffect, useState } from "react";
import { clearLocalDraft, fingerprint, type LocalDraft, readLocalDraft, type StoryFields, writeLocalDraft } from "../local-draft";

/** The device's copy of the story: every edit is kept until the server acknowledges it; what a crash or a closed tab left is offered back on opening. */
export function useLocalDraft(articleId: string | null, initial: StoryFields) {
  const [restorable, setRestorable] = useState<LocalDraft | null>(null);

  useEffect(() => {
    const local = readLocalDraft(articleId);
    if (!local) return;
    // A copy that says what the server already has (or nothing at all) is no loss to drop.
    if (fingerprint(local) === fingerprint(initial) || (local.body === "" && local.headline === "")) clearLocalDraft(articleId);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, so it is read after mount
    else setRestorable(local);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId]);

  /** Keep the edit, with the version it is based on, so a restore can still detect a conflict. */
  const keep = useCallback((fields: StoryFields, baseVersion: number) => writeLocalDraft(articleId, { ...fields, baseVersion, savedAt: Date.now() }), [articleId]);
  const clear = useCallback(() => clearLocalDraft(articleId), [articleId]);

  function discard() {
    clearLocalDraft(articleId);
    setRestorable(null);
  }

  function take(): LocalDraft | null {
    setRestorable(null);
    return restorable;
  }

  return { restorable, keep, clear, discard, take };
}

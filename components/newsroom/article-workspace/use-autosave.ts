"use client";
import type { JSONContent } from "@tiptap/core";
import type { Editor } from "@tiptap/react";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { type ApiError, api, staleSave, type TSavedArticle, type TStaleSave } from "@/lib/api-client";
import { sameContent } from "@/lib/domain/diff";
import { withoutDocxSlots } from "@/lib/editor/docx-slot";
import type { ConflictSide } from "../conflict-view";
import { fingerprint, splitTags, type StoryFields } from "../local-draft";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "retrying"; message: string }
  | { kind: "invalid"; message: string; fields: Record<string, string> }
  | { kind: "failed"; message: string };

export type Conflict = {
  mine: ConflictSide & { fields: StoryFields };
  theirs: ConflictSide & { body: string; savedBy: string | null; savedAtLabel: string };
  version: number;
  /** The user chose to merge by hand: saving is allowed again while the view stays open. */
  merging: boolean;
};

const AUTOSAVE_MS = 2_000;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 30_000;
const RETRYING = "Couldn't save — retrying";

type Options = {
  articleId: string | null;
  canEdit: boolean;
  initial: StoryFields;
  initialVersion: number;
  draft: { keep: (fields: StoryFields, baseVersion: number) => void; clear: () => void };
  editor: RefObject<Editor | null>;
  timeLabel: (iso: string) => string;
  /** Told of every acknowledged save (a live story's answer says whether changes are pending). */
  onSaved?: (saved: TSavedArticle) => void;
  /** True while the story carries a placeholder headline: an empty headline field is then not sent. */
  omitEmptyHeadline?: () => boolean;
};

/** A message the server wrote for people, or ours when the answer was not the API's JSON. */
const said = (error: ApiError, fallback: string) => (error.code === "BAD_RESPONSE" ? fallback : error.message);

/** The story's fields and their saving: after a pause in typing, on blur, when the page is hidden and when the connection returns. */
// One save at a time. Each names the version it is based on (compare-and-swap: a newer one is never overwritten); failures retry with backoff.
/**
 * The body as the editor's own document when the editor still holds exactly the text being sent
 * (the server then only checks it against the schema, with no HTML parsing); otherwise (a restored
 * local draft, newer keystrokes since), as HTML.
 */
function bodyPayload(e: Editor | null, body: string): { body: string } | { bodyJson: JSONContent } {
  return e && !e.isDestroyed && e.getHTML() === body ? { bodyJson: withoutDocxSlots(e.getJSON()) } : { body };
}

export function useAutosave({ articleId, canEdit, initial, initialVersion, draft, editor, timeLabel, onSaved, omitEmptyHeadline }: Options) {
  const { keep, clear } = draft;
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  const [fields, setFields] = useState<StoryFields>(initial);
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [conflict, setConflict] = useState<Conflict | null>(null);

  // Refs hold what async saves need without re-subscribing: the latest fields, the version
  // the current edits are based on, and the last text the server acknowledged.
  const fieldsRef = useRef(fields);
  const versionRef = useRef(initialVersion);
  const ackedRef = useRef(fingerprint(initial));
  const inFlight = useRef(false);
  const queued = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(FIRST_RETRY_MS);
  const conflictRef = useRef<Conflict | null>(null);
  /** The conflict as state (to render) and as a ref (for the save loop, without waiting for a render). */
  const changeConflict = (next: Conflict | null) => {
    conflictRef.current = next;
    setConflict(next);
  };

  const isDirty = () => fingerprint(fieldsRef.current) !== ackedRef.current;

  /** When the server last acknowledged this editor's text ("Saved 10:42"). */
  const lastSavedAt = useRef<string | null>(null);
  const save = useCallback(async (): Promise<void> => {
    // An unresolved conflict blocks saving: the user decides first.
    if (!articleId || !canEdit || conflictRef.current?.merging === false) return;
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) {
      queued.current = true;
      return;
    }
    const sent = fieldsRef.current;
    // Typed back to what the server already has (say, after a refused edit): nothing to send, and nothing unsaved.
    if (fingerprint(sent) === ackedRef.current) {
      setStatus((s) => (s.kind === "dirty" || s.kind === "invalid" ? { kind: "saved", at: lastSavedAt.current ?? timeLabel(new Date().toISOString()) } : s));
      return;
    }
    if (typeof navigator !== "undefined" && !navigator.onLine) return setStatus({ kind: "offline" });
    inFlight.current = true;
    setStatus({ kind: "saving" });
    const result = await api.saveArticle(articleId, {
      headline: sent.headline.trim() === "" && omitEmptyHeadline?.() ? undefined : sent.headline,
      dek: sent.dek,
      section: sent.sectionId || null,
      coAuthorIds: sent.coAuthorIds,
      tags: splitTags(sent.tags),
      leadImageId: sent.leadImageId || null,
      leadImageCaption: sent.leadImageCaption.trim() || null,
      ...bodyPayload(editor.current, sent.body),
      version: versionRef.current,
    });
    inFlight.current = false;
    if (result.ok) {
      retryDelay.current = FIRST_RETRY_MS;
      versionRef.current = result.data.version;
      ackedRef.current = fingerprint(sent);
      if (!isDirty()) clear();
      lastSavedAt.current = timeLabel(result.data.updatedAt);
      setStatus({ kind: "saved", at: lastSavedAt.current });
      onSavedRef.current?.(result.data);
    } else {
      // eslint-disable-next-line react-hooks/immutability -- `refused` is a plain function declared below; it runs after render, never during
      refused(sent, result.status, result.error);
    }
    if (queued.current) {
      queued.current = false;
      // eslint-disable-next-line react-hooks/immutability -- the save loop re-runs itself for edits queued while it was in flight
      void save();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId, canEdit]);

  /** What a refused save means for the user; the edits stay on the device in every case. */
  function refused(sent: StoryFields, httpStatus: number, error: ApiError<TStaleSave>) {
    const stale = staleSave(error);
    if (error.code === "NETWORK") {
      setStatus(navigator.onLine ? { kind: "retrying", message: RETRYING } : { kind: "offline" });
      if (navigator.onLine) scheduleRetry();
    } else if (stale) {
      const { current, currentVersion } = stale;
      const mineText = editor.current?.getText({ blockSeparator: "\n\n" }) ?? "";
      if (current.headline === sent.headline && current.dek === sent.dek && sameContent(current.text, mineText)) {
        // The newer version says what we say (e.g. our own save from a closing tab): adopt it.
        versionRef.current = currentVersion;
        ackedRef.current = fingerprint(sent);
        // Nothing of ours is unsaved then: say so, or "Saving…" would stay until the next edit.
        if (!isDirty()) clear();
        setStatus({ kind: "saved", at: timeLabel(current.updatedAt) });
        queued.current = true;
      } else {
        changeConflict({
          mine: { headline: sent.headline, dek: sent.dek, text: mineText, fields: sent },
          theirs: { headline: current.headline, dek: current.dek, text: current.text, body: current.body, savedBy: current.savedBy, savedAtLabel: timeLabel(current.updatedAt) },
          version: currentVersion,
          merging: false,
        });
        setStatus({ kind: "failed", message: "Not saved: a newer version exists. Your text is still here." });
      }
    } else if (httpStatus === 422 || httpStatus === 400) {
      setStatus({ kind: "invalid", message: said(error, "Check the highlighted fields."), fields: error.fields ?? {} });
    } else if (httpStatus === 401) {
      setStatus({ kind: "failed", message: "You are signed out. Your changes are kept on this device: sign in again in another tab, then come back." });
      scheduleRetry();
    } else if (httpStatus === 403 || httpStatus === 404) {
      setStatus({ kind: "failed", message: said(error, "You can no longer edit this story. Your changes are kept on this device.") });
    } else {
      setStatus({ kind: "retrying", message: RETRYING });
      scheduleRetry();
    }
  }

  function scheduleRetry() {
    const delay = retryDelay.current;
    retryDelay.current = Math.min(delay * 2, MAX_RETRY_MS);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delay);
  }

  const update = useCallback(
    (patch: Partial<StoryFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      keep(next, versionRef.current);
      if (!navigator.onLine) return setStatus({ kind: "offline" });
      setStatus({ kind: "dirty" });
      if (articleId) {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
      }
    },
    [articleId, save, keep],
  );

  /**
   * The editor reshaped the body on its own, with no keystroke (a stored story ending in a table
   * gains its trailing paragraph at the first transaction): while nothing is pending, that shape
   * is the acknowledged text, so opening a story is never an unsaved change.
   */
  function normalise(body: string) {
    if (isDirty()) return update({ body });
    const next = { ...fieldsRef.current, body };
    fieldsRef.current = next;
    setFields(next);
    ackedRef.current = fingerprint(next);
  }

  /** Swap in a whole set of fields (a restore or a conflict choice); `acked` when the server has them. */
  function replaceAll(next: StoryFields, { acked }: { acked: boolean }) {
    fieldsRef.current = next;
    setFields(next);
    editor.current?.commands.setContent(next.body, { emitUpdate: false });
    if (acked) {
      ackedRef.current = fingerprint(next);
      clear();
    }
  }

  /** Restored edits are saved against the version they were based on, so a newer one still wins a conflict. */
  function restore(restored: StoryFields, baseVersion: number) {
    versionRef.current = baseVersion || versionRef.current;
    replaceAll(restored, { acked: false });
    update({});
    void save();
  }

  // Save when the connection comes back or the page is being hidden; warn before unload.
  useEffect(() => {
    const online = () => void save();
    const offline = () => isDirty() && setStatus({ kind: "offline" });
    const hidden = () => document.visibilityState === "hidden" && void save();
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      e.preventDefault();
    };
    window.addEventListener("online", online);
    window.addEventListener("offline", offline);
    document.addEventListener("visibilitychange", hidden);
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("online", online);
      window.removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", hidden);
      window.removeEventListener("beforeunload", beforeUnload);
    };
     
  }, [save]);

  const resolveConflict = {
    keepMine() {
      if (!conflict) return;
      versionRef.current = conflict.version;
      changeConflict(null);
      replaceAll(conflict.mine.fields, { acked: false });
      void save();
    },
    keepTheirs() {
      if (!conflict) return;
      versionRef.current = conflict.version;
      changeConflict(null);
      replaceAll({ ...conflict.mine.fields, headline: conflict.theirs.headline, dek: conflict.theirs.dek, body: conflict.theirs.body }, { acked: true });
      setStatus({ kind: "saved", at: conflict.theirs.savedAtLabel });
    },
    merge() {
      if (!conflict) return;
      versionRef.current = conflict.version;
      replaceAll({ ...conflict.mine.fields, headline: conflict.theirs.headline, dek: conflict.theirs.dek, body: conflict.theirs.body }, { acked: true });
      changeConflict({ ...conflict, merging: true });
      setStatus({ kind: "idle" });
    },
    done: () => changeConflict(null),
  };

  /** The server changed the text itself (a suggestion accepted or rejected): load it as the saved version. */
  function adopt(body: string, version: number, updatedAt: string) {
    versionRef.current = version;
    replaceAll({ ...fieldsRef.current, body }, { acked: true });
    setStatus({ kind: "saved", at: timeLabel(updatedAt) });
  }

  /** The fields were saved some other way (the story was just created): nothing is pending. */
  function acknowledge(saved: StoryFields, updatedAt: string, version?: number) {
    ackedRef.current = fingerprint(saved);
    if (version !== undefined) versionRef.current = version;
    setStatus({ kind: "saved", at: timeLabel(updatedAt) });
  }

  return {
    fields,
    fieldsRef,
    status,
    setStatus,
    conflict,
    resolveConflict,
    save,
    update,
    normalise,
    restore,
    adopt,
    isDirty,
    acknowledge,
    /** Edits the server has not acknowledged yet (the workflow waits for them). */
    // eslint-disable-next-line react-hooks/refs -- the acknowledged fingerprint changes only with a status change, which re-renders
    dirty: fingerprint(fields) !== ackedRef.current,
  };
}

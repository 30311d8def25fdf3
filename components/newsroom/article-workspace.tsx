"use client";
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useId, useRef, useState } from "react";
import { buttonClass, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import type { SavedArticle, TransitionFormState } from "@/lib/actions/articles";
import type { ActionResult } from "@/lib/actions/safe-action";
import { sameContent } from "@/lib/domain/diff";
import { NOTE_REQUIRED, TRANSITION_LABELS, type TransitionAction } from "@/lib/domain/workflow";
import { fillDocxImageSlot } from "@/lib/editor/docx-slot";
import type { TDocxImportResult } from "@/lib/validation/docx-import";
import type { TMedia, TPickedMedia } from "@/lib/validation/media";
import { CommentsPanel, type CommentsPanelProps } from "./comments-panel";
import { type DocxImagePlacement, type DocxImport, DocxImages } from "./docx-images";
import { MediaPicker, toPicked } from "./media-picker";
import { type ConflictSide, ConflictView } from "./conflict-view";
import { clearLocalDraft, fingerprint, type LocalDraft, readLocalDraft, splitTags, type StoryFields, writeLocalDraft } from "./local-draft";
import { RichTextEditor, useStoryEditor } from "./rich-text-editor";

export type EditableArticle = {
  id: string;
  headline: string;
  dek: string;
  sectionId: string | null;
  coAuthorIds: string[];
  tags: string[];
  leadImage: TPickedMedia | null;
  /** Editor HTML (with comment anchors). */
  bodyHtml: string;
  version: number;
};

type Props = {
  article: EditableArticle | null;
  canEdit: boolean;
  sections: { id: string; name: string }[];
  people: { id: string; fullName: string }[];
  transitions: TransitionAction[];
  timeZone: string;
  createAction: (input: unknown) => Promise<ActionResult<SavedArticle>>;
  transitionAction: (prev: TransitionFormState, form: FormData) => Promise<TransitionFormState>;
  /** The comment threads and what the user may do with them (absent on a new story). */
  comments?: Omit<CommentsPanelProps, "editor">;
};

type Status =
  | { kind: "idle" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "offline" }
  | { kind: "retrying"; message: string }
  | { kind: "invalid"; message: string; fields: Record<string, string> }
  | { kind: "failed"; message: string };

type Conflict = { mine: ConflictSide & { fields: StoryFields }; theirs: ConflictSide & { body: string; savedBy: string | null; savedAtLabel: string }; version: number; merging: boolean };

const AUTOSAVE_MS = 2_000;
const PRESENCE_MS = 15_000;

const STATUS_TEXT: Record<Status["kind"], string> = {
  idle: "",
  dirty: "Unsaved changes",
  saving: "Saving…",
  saved: "Saved",
  offline: "Offline — changes kept on this device",
  retrying: "Couldn't save — retrying",
  invalid: "",
  failed: "",
};

/**
 * The story editor. Never loses a word: it saves by itself a moment after typing stops, on blur
 * and when the page is hidden; keeps unsaved edits on the device until the server acknowledges
 * them; and never overwrites a newer version (the server compares versions; a conflict opens a
 * side-by-side view).
 */
export function ArticleWorkspace({ article, canEdit, sections, people, transitions, timeZone, createAction, transitionAction, comments }: Props) {
  const router = useRouter();
  const bodyLabel = useId();
  const articleId = article?.id ?? null;
  const initial: StoryFields = {
    headline: article?.headline ?? "",
    dek: article?.dek ?? "",
    sectionId: article?.sectionId ?? "",
    coAuthorIds: article?.coAuthorIds ?? [],
    tags: (article?.tags ?? []).join(", "),
    leadImageId: article?.leadImage?.id ?? "",
    body: article?.bodyHtml ?? "",
  };
  const [fields, setFields] = useState<StoryFields>(initial);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restorable, setRestorable] = useState<LocalDraft | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const [importNote, setImportNote] = useState<{ ok: boolean; message: string } | null>(null);
  const [docxImport, setDocxImport] = useState<DocxImport | null>(null);
  const [leadImage, setLeadImage] = useState<TPickedMedia | null>(article?.leadImage ?? null);
  const [importing, setImporting] = useState(false);

  // Refs hold what async saves need without re-subscribing: the latest fields, the version
  // the current edits are based on, and the last text the server acknowledged.
  const fieldsRef = useRef(fields);
  const versionRef = useRef(article?.version ?? 0);
  const ackedRef = useRef(fingerprint(initial));
  const inFlight = useRef(false);
  const queued = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryDelay = useRef(2_000);
  const conflictRef = useRef<Conflict | null>(null);
  conflictRef.current = conflict;

  const timeLabel = (iso: string) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(iso));
  const isDirty = () => fingerprint(fieldsRef.current) !== ackedRef.current;

  const save = useCallback(async (): Promise<void> => {
    if (!articleId || !canEdit || conflictRef.current?.merging === false) return;
    if (timer.current) clearTimeout(timer.current);
    if (inFlight.current) {
      queued.current = true;
      return;
    }
    const sent = fieldsRef.current;
    if (fingerprint(sent) === ackedRef.current) return;
    if (typeof navigator !== "undefined" && !navigator.onLine) return setStatus({ kind: "offline" });
    inFlight.current = true;
    setStatus({ kind: "saving" });
    try {
      const res = await fetch(`/api/v1/articles/${articleId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          headline: sent.headline,
          dek: sent.dek,
          section: sent.sectionId || null,
          coAuthorIds: sent.coAuthorIds,
          tags: splitTags(sent.tags),
          leadImageId: sent.leadImageId || null,
          body: sent.body,
          version: versionRef.current,
        }),
      });
      const json = (await res.json().catch(() => ({}))) as {
        article?: { version: number; updatedAt: string };
        error?: { code: string; message: string; fields?: Record<string, string>; currentVersion?: number; current?: ConflictSide & { body: string; savedBy: string | null; updatedAt: string } };
      };
      if (res.ok && json.article) {
        retryDelay.current = 2_000;
        versionRef.current = json.article.version;
        ackedRef.current = fingerprint(sent);
        if (!isDirty()) clearLocalDraft(articleId);
        setStatus({ kind: "saved", at: timeLabel(json.article.updatedAt) });
      } else if (res.status === 409 && json.error?.current && json.error.currentVersion) {
        const current = json.error.current;
        const mineText = editorRef.current?.getText({ blockSeparator: "\n\n" }) ?? "";
        if (current.headline === sent.headline && current.dek === sent.dek && sameContent(current.text, mineText)) {
          // The newer version says what we say (e.g. our own save from a closing tab): adopt it.
          versionRef.current = json.error.currentVersion;
          ackedRef.current = fingerprint(sent);
          queued.current = true;
        } else {
          setConflict({
            mine: { headline: sent.headline, dek: sent.dek, text: mineText, fields: sent },
            theirs: { headline: current.headline, dek: current.dek, text: current.text, body: current.body, savedBy: current.savedBy, savedAtLabel: timeLabel(current.updatedAt) },
            version: json.error.currentVersion,
            merging: false,
          });
          setStatus({ kind: "failed", message: "Not saved: a newer version exists. Your text is still here." });
        }
      } else if (res.status === 422 || res.status === 400) {
        setStatus({ kind: "invalid", message: json.error?.message ?? "Check the highlighted fields.", fields: json.error?.fields ?? {} });
      } else if (res.status === 401) {
        setStatus({ kind: "failed", message: "You are signed out. Your changes are kept on this device: sign in again in another tab, then come back." });
        scheduleRetry();
      } else if (res.status === 403 || res.status === 404) {
        setStatus({ kind: "failed", message: json.error?.message ?? "You can no longer edit this story. Your changes are kept on this device." });
      } else {
        setStatus({ kind: "retrying", message: STATUS_TEXT.retrying });
        scheduleRetry();
      }
    } catch {
      setStatus(navigator.onLine ? { kind: "retrying", message: STATUS_TEXT.retrying } : { kind: "offline" });
      if (navigator.onLine) scheduleRetry();
    } finally {
      inFlight.current = false;
    }
    if (queued.current) {
      queued.current = false;
      void save();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId, canEdit]);

  function scheduleRetry() {
    const delay = retryDelay.current;
    retryDelay.current = Math.min(delay * 2, 30_000);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delay);
  }

  const update = useCallback(
    (patch: Partial<StoryFields>) => {
      const next = { ...fieldsRef.current, ...patch };
      fieldsRef.current = next;
      setFields(next);
      writeLocalDraft(articleId, { ...next, baseVersion: versionRef.current, savedAt: Date.now() });
      if (!navigator.onLine) return setStatus({ kind: "offline" });
      setStatus({ kind: "dirty" });
      if (articleId) {
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
      }
    },
    [articleId, save],
  );

  const editor = useStoryEditor({
    initialHtml: initial.body,
    editable: canEdit,
    onChange: (body) => update({ body }),
    onBlur: () => void save(),
    labelledBy: bodyLabel,
    describedBy: status.kind === "invalid" && status.fields.body ? "body-error" : undefined,
  });
  const editorRef = useRef(editor);
  editorRef.current = editor;

  // Offer to restore edits a crash or a closed tab left on this device.
  useEffect(() => {
    const local = readLocalDraft(articleId);
    if (!local) return;
    if (fingerprint(local) === fingerprint(initial) || (local.body === "" && local.headline === "")) clearLocalDraft(articleId);
    else setRestorable(local);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [articleId]);

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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save]);

  // Who else has this story open: a hint, never a lock.
  useEffect(() => {
    if (!articleId) return;
    let stopped = false;
    const beat = async () => {
      try {
        const res = await fetch(`/api/v1/articles/${articleId}/presence`, { method: "POST" });
        if (!stopped && res.ok) setOthers(((await res.json()) as { editors: string[] }).editors);
      } catch {
        // Offline: the hint just goes stale.
      }
    };
    void beat();
    const id = setInterval(beat, PRESENCE_MS);
    return () => {
      stopped = true;
      clearInterval(id);
      void fetch(`/api/v1/articles/${articleId}/presence`, { method: "DELETE", keepalive: true }).catch(() => undefined);
    };
  }, [articleId]);

  function replaceAll(next: StoryFields, { acked }: { acked: boolean }) {
    fieldsRef.current = next;
    setFields(next);
    editor?.commands.setContent(next.body, { emitUpdate: false });
    if (acked) {
      ackedRef.current = fingerprint(next);
      clearLocalDraft(articleId);
    }
  }

  function restoreLocal() {
    if (!restorable) return;
    const { baseVersion, savedAt: _savedAt, ...restored } = restorable;
    setRestorable(null);
    // Saving against the version the edits were based on: if the story moved on meanwhile,
    // the conflict view appears instead of an overwrite.
    versionRef.current = baseVersion || versionRef.current;
    replaceAll(restored, { acked: false });
    update({});
    void save();
  }

  async function create() {
    setStatus({ kind: "saving" });
    const f = fieldsRef.current;
    const result = await createAction({ headline: f.headline, dek: f.dek, section: f.sectionId || null, coAuthorIds: f.coAuthorIds, tags: splitTags(f.tags), body: f.body });
    if (!result.ok) {
      setStatus(result.error.fields ? { kind: "invalid", message: result.error.message, fields: result.error.fields } : { kind: "failed", message: result.error.message });
      return;
    }
    // A lead image chosen before the story existed (a photo from an imported .docx) is saved
    // as the story's first edit; the story itself is already safe if that fails.
    if (f.leadImageId) {
      await fetch(`/api/v1/articles/${result.data.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ leadImageId: f.leadImageId, version: result.data.version }),
      }).catch(() => undefined);
    }
    ackedRef.current = fingerprint(f);
    clearLocalDraft(null);
    setStatus({ kind: "saved", at: timeLabel(result.data.updatedAt) });
    router.replace(`/newsroom/articles/${result.data.id}`);
  }

  async function importFile(file: File) {
    setImportNote(null);
    setImporting(true);
    const form = new FormData();
    form.set("file", file);
    if (articleId) form.set("articleId", articleId);
    try {
      const res = await fetch("/api/v1/import", { method: "POST", body: form });
      const json = (await res.json()) as Partial<TDocxImportResult> & { error?: { message: string } };
      if (!res.ok || typeof json.body !== "string") return setImportNote({ ok: false, message: json.error?.message ?? "That file could not be imported." });
      editor?.commands.setContent(json.body, { emitUpdate: true });
      const images = json.images ?? [];
      const failed = json.failedImages ?? [];
      setDocxImport(images.length > 0 || failed.length > 0 ? { importId: json.importId ?? null, images, failed } : null);
      const photos = images.length === 0 ? "" : images.length === 1 ? " Its photo is below: add it or skip it." : ` Its ${images.length} photos are below: add or skip each.`;
      setImportNote({ ok: true, message: `Imported. Check the text, then save.${photos}` });
    } catch {
      setImportNote({ ok: false, message: "Could not reach the server to import the file." });
    } finally {
      setImporting(false);
    }
  }

  /** A photo from the .docx joined the library: it takes its slot in the text, or becomes the lead image. */
  function placeDocxImage(key: string, media: TMedia, as: DocxImagePlacement) {
    const picked = toPicked(media);
    const figure = as === "inline" ? { mediaId: picked.id, src: picked.url, alt: picked.alt, caption: picked.caption, credit: picked.credit, width: picked.width, height: picked.height } : null;
    editor?.commands.command(({ tr }) => {
      fillDocxImageSlot(tr, key, figure);
      return true;
    });
    if (as === "lead") {
      setLeadImage(picked);
      update({ leadImageId: picked.id });
    }
  }

  const fieldErrors = status.kind === "invalid" ? status.fields : {};
  const statusText =
    status.kind === "saved" ? `Saved ${status.at}` : status.kind === "invalid" || status.kind === "failed" || status.kind === "retrying" ? status.message : STATUS_TEXT[status.kind];
  const dirtyNow = fingerprint(fields) !== ackedRef.current;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-4">
        {others.length > 0 && (
          <p role="status" className="rounded border border-warn p-2 text-sm font-semibold" data-testid="presence">
            {others.join(" and ")} {others.length === 1 ? "is" : "are"} editing this story too. Your saves never overwrite theirs.
          </p>
        )}
        {restorable && (
          <div role="alert" className="rounded border-2 border-warn p-3" data-testid="restore-prompt">
            <p className="font-semibold">Unsaved changes from {timeLabel(new Date(restorable.savedAt).toISOString())} were kept on this device.</p>
            <div className="mt-2 flex gap-2">
              <button type="button" className={buttonClass} onClick={restoreLocal}>
                Restore them
              </button>
              <button
                type="button"
                className={secondaryButtonClass}
                onClick={() => {
                  clearLocalDraft(articleId);
                  setRestorable(null);
                }}
              >
                Discard
              </button>
            </div>
          </div>
        )}
        {conflict && (
          <ConflictView
            mine={conflict.mine}
            theirs={conflict.theirs}
            merging={conflict.merging}
            onKeepMine={() => {
              versionRef.current = conflict.version;
              setConflict(null);
              conflictRef.current = null;
              replaceAll(conflict.mine.fields, { acked: false });
              void save();
            }}
            onKeepTheirs={() => {
              versionRef.current = conflict.version;
              setConflict(null);
              replaceAll({ ...conflict.mine.fields, headline: conflict.theirs.headline, dek: conflict.theirs.dek, body: conflict.theirs.body }, { acked: true });
              setStatus({ kind: "saved", at: conflict.theirs.savedAtLabel });
            }}
            onMerge={() => {
              versionRef.current = conflict.version;
              const theirs = { ...conflict.mine.fields, headline: conflict.theirs.headline, dek: conflict.theirs.dek, body: conflict.theirs.body };
              replaceAll(theirs, { acked: true });
              setConflict({ ...conflict, merging: true });
              setStatus({ kind: "idle" });
            }}
            onDone={() => setConflict(null)}
          />
        )}
        <form
          className="flex flex-col gap-4"
          aria-label="Story"
          onSubmit={(e) => {
            e.preventDefault();
            void (articleId ? save() : create());
          }}
          noValidate
        >
          <Field id="headline" label="Headline" error={fieldErrors.headline}>
            <input
              id="headline"
              value={fields.headline}
              onChange={(e) => update({ headline: e.target.value })}
              onBlur={() => void save()}
              readOnly={!canEdit}
              aria-invalid={fieldErrors.headline ? true : undefined}
              aria-describedby={fieldErrors.headline ? "headline-error" : undefined}
              className={`${inputClass} font-serif text-2xl font-bold`}
            />
          </Field>
          <Field id="dek" label="Dek (summary under the headline)" error={fieldErrors.dek}>
            <textarea
              id="dek"
              value={fields.dek}
              rows={2}
              onChange={(e) => update({ dek: e.target.value })}
              onBlur={() => void save()}
              readOnly={!canEdit}
              aria-invalid={fieldErrors.dek ? true : undefined}
              aria-describedby={fieldErrors.dek ? "dek-error" : undefined}
              className={inputClass}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="section" label="Section" error={fieldErrors.section}>
              <select id="section" value={fields.sectionId} disabled={!canEdit} onChange={(e) => update({ sectionId: e.target.value })} className={inputClass}>
                <option value="">No section</option>
                {sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="flex flex-col gap-1">
              <legend className="text-sm font-semibold">Co-authors</legend>
              <div className="max-h-32 overflow-y-auto rounded border border-rule p-2 text-sm">
                {people.length === 0 && <p className="text-muted">No one else on staff yet.</p>}
                {people.map((p) => (
                  <label key={p.id} className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      disabled={!canEdit}
                      checked={fields.coAuthorIds.includes(p.id)}
                      onChange={(e) => update({ coAuthorIds: e.target.checked ? [...fields.coAuthorIds, p.id] : fields.coAuthorIds.filter((id) => id !== p.id) })}
                    />
                    {p.fullName}
                  </label>
                ))}
              </div>
              {fieldErrors.coAuthorIds && <p className="text-sm font-semibold text-danger">{fieldErrors.coAuthorIds}</p>}
            </fieldset>
          </div>
          <div className="flex flex-col gap-2">
            <span className="text-sm font-semibold">Lead image</span>
            {leadImage ? (
              <figure className="flex flex-wrap items-start gap-3" data-testid="lead-image">
                <img src={leadImage.url} alt={leadImage.alt} width={160} height={Math.round((160 * leadImage.height) / Math.max(1, leadImage.width))} className="rounded border border-rule" />
                <figcaption className="text-sm">
                  {leadImage.alt ? <>Alt text: {leadImage.alt}</> : <strong className="text-danger">No alt text yet: add it before publishing.</strong>}
                  {leadImage.caption && <span className="block">{leadImage.caption}</span>}
                  {leadImage.credit && <span className="block text-muted">Credit: {leadImage.credit}</span>}
                </figcaption>
              </figure>
            ) : (
              <p className="text-sm text-muted">No lead image.</p>
            )}
            {canEdit && articleId && (
              <div className="flex flex-wrap gap-2">
                <MediaPicker
                  label={leadImage ? "Change lead image" : "Choose lead image"}
                  onPick={(m) => {
                    setLeadImage(m);
                    update({ leadImageId: m.id });
                  }}
                />
                {leadImage && (
                  <button
                    type="button"
                    className={secondaryButtonClass}
                    onClick={() => {
                      setLeadImage(null);
                      update({ leadImageId: "" });
                    }}
                  >
                    Remove lead image
                  </button>
                )}
              </div>
            )}
          </div>
          <Field id="tags" label="Tags" error={fieldErrors.tags ?? Object.entries(fieldErrors).find(([k]) => k.startsWith("tags."))?.[1]} hint="Separate tags with commas, e.g. Syria, Middle East.">
            <input
              id="tags"
              value={fields.tags}
              onChange={(e) => update({ tags: e.target.value })}
              onBlur={() => void save()}
              readOnly={!canEdit}
              aria-describedby="tags-hint"
              className={inputClass}
            />
          </Field>
          <div className="flex flex-col gap-1">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span id={bodyLabel} className="text-sm font-semibold">
                Story
              </span>
              {canEdit && (
                <label className="cursor-pointer text-sm underline">
                  Import a .docx file
                  <input
                    type="file"
                    accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    className="sr-only"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) void importFile(file);
                      e.target.value = "";
                    }}
                  />
                </label>
              )}
            </div>
            {importing && (
              <p role="status" className="text-sm text-muted">
                Importing the document and preparing its photos…
              </p>
            )}
            {importNote && <FormMessage ok={importNote.ok} message={importNote.message} />}
            {docxImport && (
              <DocxImages
                key={docxImport.importId ?? "failed-only"}
                docx={docxImport}
                allowLead
                onAdded={placeDocxImage}
                onSkipped={(key) =>
                  editor?.commands.command(({ tr }) => {
                    fillDocxImageSlot(tr, key, null);
                    return true;
                  })
                }
                onClose={() => setDocxImport(null)}
              />
            )}
            <RichTextEditor editor={editor} editable={canEdit} />
            {fieldErrors.body && (
              <p id="body-error" role="alert" className="text-sm font-semibold text-danger">
                {fieldErrors.body}
              </p>
            )}
          </div>
          {canEdit ? (
            <div className="flex flex-wrap items-center gap-4">
              <button type="submit" className={buttonClass} disabled={status.kind === "saving"}>
                {articleId ? "Save" : "Create story"}
              </button>
              <p
                role="status"
                aria-live="polite"
                data-testid="save-status"
                className={status.kind === "invalid" || status.kind === "failed" ? "font-semibold text-danger" : status.kind === "offline" || status.kind === "retrying" ? "font-semibold text-warn" : "text-muted"}
              >
                {statusText}
              </p>
            </div>
          ) : (
            <p className="text-muted">You can read this story, but not edit it in its current state.</p>
          )}
        </form>
      </div>
      <div className="flex flex-col gap-6">
        {articleId && transitions.length > 0 && <TransitionPanel articleId={articleId} transitions={transitions} dirty={dirtyNow} timeZone={timeZone} action={transitionAction} />}
        {comments && <CommentsPanel {...comments} editor={editor} />}
      </div>
    </div>
  );
}

function TransitionPanel({
  articleId,
  transitions,
  dirty,
  timeZone,
  action,
}: {
  articleId: string;
  transitions: TransitionAction[];
  dirty: boolean;
  timeZone: string;
  action: (prev: TransitionFormState, form: FormData) => Promise<TransitionFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const needsNote = transitions.some((t) => NOTE_REQUIRED.has(t));
  const f = state.fields ?? {};
  return (
    <aside aria-label="Workflow" className="h-fit rounded border border-rule bg-panel p-4">
      <h2 className="font-bold">Workflow</h2>
      <form action={formAction} className="mt-3 flex flex-col gap-3">
        <input type="hidden" name="id" value={articleId} />
        {needsNote && (
          <Field id="note" label="Note" error={f.note} hint="Required to request changes or to unpublish. The writer sees it.">
            <textarea
              id="note"
              name="note"
              rows={4}
              defaultValue={state.values?.note}
              aria-invalid={f.note ? true : undefined}
              aria-describedby={f.note ? "note-error" : "note-hint"}
              className={inputClass}
            />
          </Field>
        )}
        {transitions.includes("publish") && (
          <Field id="publishAt" label={`Schedule for (${timeZone} time)`} error={f.publishAt} hint="Leave empty to publish now.">
            <input
              id="publishAt"
              name="publishAt"
              type="datetime-local"
              defaultValue={state.values?.publishAt}
              aria-invalid={f.publishAt ? true : undefined}
              aria-describedby={f.publishAt ? "publishAt-error" : "publishAt-hint"}
              className={inputClass}
            />
          </Field>
        )}
        {dirty && <p className="text-sm font-semibold text-warn">Saving your changes first…</p>}
        <div className="flex flex-col gap-2">
          {transitions.map((t) => (
            <button
              key={t}
              type="submit"
              name="action"
              value={t}
              disabled={pending || dirty}
              className={t === "publish" || t === "approve" || t === "submit" || t === "republish" ? buttonClass : secondaryButtonClass}
            >
              {TRANSITION_LABELS[t]}
            </button>
          ))}
        </div>
        <FormMessage ok={state.ok} message={state.message} />
      </form>
    </aside>
  );
}

"use client";
import { useRouter } from "next/navigation";
import { useActionState, useCallback, useEffect, useId, useState } from "react";
import { buttonClass, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SavedArticle, TransitionFormState } from "@/lib/actions/articles";
import { NOTE_REQUIRED, TRANSITION_LABELS, type TransitionAction } from "@/lib/domain/workflow";
import { RichTextEditor } from "./rich-text-editor";

export type EditableArticle = {
  id: string;
  headline: string;
  dek: string;
  sectionId: string | null;
  coAuthorIds: string[];
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
  saveAction: (input: unknown) => Promise<ActionResult<SavedArticle>>;
  transitionAction: (prev: TransitionFormState, form: FormData) => Promise<TransitionFormState>;
};

type SaveState = { kind: "idle" | "saving" | "saved" | "error" | "conflict"; message?: string; fields?: Record<string, string> };

/** Story fields, body editor and the workflow buttons the signed-in user may use. */
export function ArticleWorkspace({ article, canEdit, sections, people, transitions, timeZone, createAction, saveAction, transitionAction }: Props) {
  const router = useRouter();
  const bodyLabel = useId();
  const [headline, setHeadline] = useState(article?.headline ?? "");
  const [dek, setDek] = useState(article?.dek ?? "");
  const [sectionId, setSectionId] = useState(article?.sectionId ?? "");
  const [coAuthorIds, setCoAuthorIds] = useState<string[]>(article?.coAuthorIds ?? []);
  const [body, setBody] = useState(article?.bodyHtml ?? "");
  const [version, setVersion] = useState(article?.version ?? 0);
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: "idle" });

  const touch = <T,>(setter: (v: T) => void) => (v: T) => {
    setter(v);
    setDirty(true);
  };

  // Never lose words to a closed tab: warn while there are unsaved edits.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const onSave = useCallback(async () => {
    setSave({ kind: "saving", message: "Saving…" });
    const fields = { headline, dek, section: sectionId || null, coAuthorIds, body };
    const result = article ? await saveAction({ id: article.id, version, ...fields }) : await createAction(fields);
    if (!result.ok) {
      const kind = result.error.code === "CONFLICT" ? "conflict" : "error";
      setSave({ kind, message: result.error.message, fields: result.error.fields });
      return;
    }
    setVersion(result.data.version);
    setDirty(false);
    const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hour12: false }).format(new Date(result.data.updatedAt));
    setSave({ kind: "saved", message: `Saved ${time}` });
    if (!article) router.replace(`/newsroom/articles/${result.data.id}`);
    else router.refresh();
  }, [article, body, coAuthorIds, createAction, dek, headline, router, saveAction, sectionId, timeZone, version]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key === "s" && canEdit) {
        e.preventDefault();
        void onSave();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canEdit, onSave]);

  const f = save.fields ?? {};
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <form
        className="flex flex-col gap-4"
        aria-label="Story"
        onSubmit={(e) => {
          e.preventDefault();
          void onSave();
        }}
        noValidate
      >
        <Field id="headline" label="Headline" error={f.headline}>
          <input
            id="headline"
            value={headline}
            onChange={(e) => touch(setHeadline)(e.target.value)}
            readOnly={!canEdit}
            aria-invalid={f.headline ? true : undefined}
            aria-describedby={f.headline ? "headline-error" : undefined}
            className={`${inputClass} font-serif text-2xl font-bold`}
          />
        </Field>
        <Field id="dek" label="Dek (summary under the headline)" error={f.dek}>
          <textarea
            id="dek"
            value={dek}
            rows={2}
            onChange={(e) => touch(setDek)(e.target.value)}
            readOnly={!canEdit}
            aria-invalid={f.dek ? true : undefined}
            aria-describedby={f.dek ? "dek-error" : undefined}
            className={inputClass}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="section" label="Section" error={f.section}>
            <select id="section" value={sectionId} disabled={!canEdit} onChange={(e) => touch(setSectionId)(e.target.value)} className={inputClass}>
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
                    checked={coAuthorIds.includes(p.id)}
                    onChange={(e) => touch(setCoAuthorIds)(e.target.checked ? [...coAuthorIds, p.id] : coAuthorIds.filter((id) => id !== p.id))}
                  />
                  {p.fullName}
                </label>
              ))}
            </div>
            {f.coAuthorIds && <p className="text-sm font-semibold text-danger">{f.coAuthorIds}</p>}
          </fieldset>
        </div>
        <div className="flex flex-col gap-1">
          <span id={bodyLabel} className="text-sm font-semibold">
            Story
          </span>
          <RichTextEditor initialHtml={body} editable={canEdit} onChange={touch(setBody)} labelledBy={bodyLabel} describedBy={f.body ? "body-error" : undefined} />
          {f.body && (
            <p id="body-error" role="alert" className="text-sm font-semibold text-danger">
              {f.body}
            </p>
          )}
        </div>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className={buttonClass} disabled={save.kind === "saving"}>
              {article ? "Save" : "Create story"}
            </button>
            <p role="status" aria-live="polite" data-testid="save-status" className={save.kind === "error" || save.kind === "conflict" ? "font-semibold text-danger" : "text-muted"}>
              {save.message ?? (dirty ? "Unsaved changes" : "")}
              {save.kind === "conflict" && " Your text is still here: copy it, reload the page to see the newer version, and merge."}
            </p>
          </div>
        ) : (
          <p className="text-muted">You can read this story, but not edit it in its current state.</p>
        )}
      </form>
      {article && transitions.length > 0 && <TransitionPanel articleId={article.id} transitions={transitions} dirty={dirty} timeZone={timeZone} action={transitionAction} />}
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
        {dirty && <p className="text-sm font-semibold text-warn">Save your changes first.</p>}
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

"use client";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Action = FormActionFn;

export function VolumeForm({ action }: { action: Action }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" aria-label="New volume" key={state.ok ? state.message : "v"}>
      <Field id="vol-number" label="Volume number" error={error("number")}>
        <input id="vol-number" name="number" type="number" defaultValue={value("number")} className={inputClass} />
      </Field>
      <Field id="vol-label" label="Label" error={error("label")}>
        <input id="vol-label" name="label" defaultValue={value("label")} placeholder="Volume 15 (2027-28)" className={inputClass} />
      </Field>
      <Field id="vol-start" label="School year starts" error={error("startsOn")}>
        <input id="vol-start" name="startsOn" type="date" defaultValue={value("startsOn")} className={inputClass} />
      </Field>
      <Field id="vol-end" label="School year ends" error={error("endsOn")}>
        <input id="vol-end" name="endsOn" type="date" defaultValue={value("endsOn")} className={inputClass} />
      </Field>
      <div className="sm:col-span-2 flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={pending}>
          Create volume
        </button>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

export function IssueForm({ action, volumes }: { action: Action; volumes: { id: string; label: string }[] }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-2" aria-label="New issue" key={state.ok ? state.message : "i"}>
      <Field id="issue-volume" label="Volume" error={error("volumeId")}>
        <Select id="issue-volume" name="volumeId" defaultValue={value("volumeId") ?? volumes[0]?.id ?? ""} {...describedBy("issue-volume", error("volumeId"))}>
          {volumes.map((vol) => (
            <option key={vol.id} value={vol.id}>
              {vol.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="issue-number" label="Issue number" error={error("number")}>
        <input id="issue-number" name="number" type="number" defaultValue={value("number")} {...describedBy("issue-number", error("number"))} className={inputClass} />
      </Field>
      <Field id="issue-title" label="Title" error={error("title")}>
        <input id="issue-title" name="title" defaultValue={value("title")} placeholder="December" {...describedBy("issue-title", error("title"))} className={inputClass} />
      </Field>
      <Field id="issue-date" label="Publication date (leave empty while planning)" error={error("publishedOn")}>
        <input id="issue-date" name="publishedOn" type="date" defaultValue={value("publishedOn")} {...describedBy("issue-date", error("publishedOn"))} className={inputClass} />
      </Field>
      <div className="sm:col-span-2 flex items-center gap-3">
        <button type="submit" className={buttonClass} disabled={pending || volumes.length === 0}>
          Create issue
        </button>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

export function ArticleIssueForm({ action, articleId, issueId, issues }: { action: Action; articleId: string; issueId: string | null; issues: { id: string; label: string }[] }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2 rounded border border-rule p-3" aria-label="Issue">
      <input type="hidden" name="articleId" value={articleId} />
      <div className="flex flex-col gap-1">
        <label htmlFor="article-issue" className="text-sm font-semibold">
          Runs in issue
        </label>
        {/* Shows the saved issue after a save (Select). */}
        <Select id="article-issue" name="issueId" defaultValue={issueId ?? ""}>
          <option value="">No issue (web only)</option>
          {issues.map((i) => (
            <option key={i.id} value={i.id}>
              {i.label}
            </option>
          ))}
        </Select>
      </div>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Save issue
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

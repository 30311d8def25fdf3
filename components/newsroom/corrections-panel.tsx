"use client";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

export function CorrectionForm({ articleId, action }: { articleId: string; action: FormActionFn }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Add a correction" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="articleId" value={articleId} />
      <div className="flex flex-wrap gap-4">
        <Field id="correction-kind" label="Kind" error={error("kind")}>
          <Select id="correction-kind" name="kind" defaultValue={value("kind") ?? "CORRECTION"} {...describedBy("correction-kind", error("kind"))}>
            <option value="CORRECTION">Correction</option>
            <option value="EDITORS_NOTE">Editor’s note</option>
          </Select>
        </Field>
        <Field id="correction-position" label="Shown at" error={error("position")}>
          <Select id="correction-position" name="position" defaultValue={value("position") ?? "bottom"} {...describedBy("correction-position", error("position"))}>
            <option value="bottom">Bottom of the story</option>
            <option value="top">Top of the story</option>
          </Select>
        </Field>
      </div>
      <Field id="correction-body" label="Correction text" error={error("body")}>
        <textarea id="correction-body" name="body" rows={3} defaultValue={value("body")} {...describedBy("correction-body", error("body"))} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Add correction
        </button>
      </div>
    </form>
  );
}

export function TakedownRequestForm({ articleId, action }: { articleId: string; action: FormActionFn }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Record a takedown request" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="articleId" value={articleId} />
      <Field id="takedown-name" label="Who asked" error={error("requesterName")}>
        <input id="takedown-name" name="requesterName" defaultValue={value("requesterName")} {...describedBy("takedown-name", error("requesterName"))} className={inputClass} />
      </Field>
      <Field id="takedown-contact" label="How to reach them (kept private)" error={error("requesterContact")}>
        <input id="takedown-contact" name="requesterContact" defaultValue={value("requesterContact")} {...describedBy("takedown-contact", error("requesterContact"))} className={inputClass} />
      </Field>
      <Field id="takedown-reason" label="Their reason" error={error("reason")}>
        <textarea id="takedown-reason" name="reason" rows={3} defaultValue={value("reason")} {...describedBy("takedown-reason", error("reason"))} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Record request
        </button>
      </div>
    </form>
  );
}

export function TakedownDecisionForm({ articleId, requestId, action }: { articleId: string; requestId: string; action: FormActionFn }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  const id = (name: string) => `${name}-${requestId}`;
  return (
    <form action={formAction} className="mt-2 flex flex-col gap-3" aria-label="Decide the request">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="requestId" value={requestId} />
      <Field id={id("decision")} label="Decision" error={error("decision")}>
        <Select id={id("decision")} name="decision" defaultValue={value("decision") ?? "KEEP"} {...describedBy(id("decision"), error("decision"))}>
          <option value="KEEP">Keep the story as it is</option>
          <option value="ANONYMIZE">Anonymize a named person across the story</option>
          <option value="NOINDEX">Remove from search engines (noindex)</option>
          <option value="UNPUBLISH">Unpublish</option>
        </Select>
      </Field>
      <Field id={id("name")} label="Name to remove (for anonymize)" error={error("anonymizedName")}>
        <input id={id("name")} name="anonymizedName" defaultValue={value("anonymizedName")} {...describedBy(id("name"), error("anonymizedName"))} className={inputClass} />
      </Field>
      <Field id={id("replacement")} label="Replace with" hint="e.g. “a former student”; default “[name removed]”.">
        <input id={id("replacement")} name="replacement" defaultValue={value("replacement")} aria-describedby={`${id("replacement")}-hint`} className={inputClass} />
      </Field>
      <Field id={id("reason")} label="Reason for the decision" error={error("decisionReason")}>
        <textarea id={id("reason")} name="decisionReason" rows={2} defaultValue={value("decisionReason")} {...describedBy(id("reason"), error("decisionReason"))} className={inputClass} />
      </Field>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Record decision
        </button>
      </div>
    </form>
  );
}

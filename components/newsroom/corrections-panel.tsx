"use client";
import { useActionState } from "react";
import { buttonClass, describedBy, Field, FormMessage, inputClass, Select } from "@/components/ui/field";
import type { FormState } from "@/lib/actions/staff";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;

export function CorrectionForm({ articleId, action }: { articleId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.ok ? {} : (state.values ?? {});
  const f = state.fields ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Add a correction" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="articleId" value={articleId} />
      <div className="flex flex-wrap gap-4">
        <Field id="correction-kind" label="Kind" error={f.kind}>
          <Select id="correction-kind" name="kind" defaultValue={v.kind ?? "CORRECTION"} {...describedBy("correction-kind", f.kind)}>
            <option value="CORRECTION">Correction</option>
            <option value="EDITORS_NOTE">Editor’s note</option>
          </Select>
        </Field>
        <Field id="correction-position" label="Shown at" error={f.position}>
          <Select id="correction-position" name="position" defaultValue={v.position ?? "bottom"} {...describedBy("correction-position", f.position)}>
            <option value="bottom">Bottom of the story</option>
            <option value="top">Top of the story</option>
          </Select>
        </Field>
      </div>
      <Field id="correction-body" label="Correction text" error={f.body}>
        <textarea id="correction-body" name="body" rows={3} defaultValue={v.body} {...describedBy("correction-body", f.body)} className={inputClass} />
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

export function TakedownRequestForm({ articleId, action }: { articleId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.ok ? {} : (state.values ?? {});
  const f = state.fields ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-3" aria-label="Record a takedown request" key={state.ok ? state.message : "form"}>
      <input type="hidden" name="articleId" value={articleId} />
      <Field id="takedown-name" label="Who asked" error={f.requesterName}>
        <input id="takedown-name" name="requesterName" defaultValue={v.requesterName} {...describedBy("takedown-name", f.requesterName)} className={inputClass} />
      </Field>
      <Field id="takedown-contact" label="How to reach them (kept private)" error={f.requesterContact}>
        <input id="takedown-contact" name="requesterContact" defaultValue={v.requesterContact} {...describedBy("takedown-contact", f.requesterContact)} className={inputClass} />
      </Field>
      <Field id="takedown-reason" label="Their reason" error={f.reason}>
        <textarea id="takedown-reason" name="reason" rows={3} defaultValue={v.reason} {...describedBy("takedown-reason", f.reason)} className={inputClass} />
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

export function TakedownDecisionForm({ articleId, requestId, action }: { articleId: string; requestId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.values ?? {};
  const f = state.fields ?? {};
  const id = (name: string) => `${name}-${requestId}`;
  return (
    <form action={formAction} className="mt-2 flex flex-col gap-3" aria-label="Decide the request">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="requestId" value={requestId} />
      <Field id={id("decision")} label="Decision" error={f.decision}>
        <Select id={id("decision")} name="decision" defaultValue={v.decision ?? "KEEP"} {...describedBy(id("decision"), f.decision)}>
          <option value="KEEP">Keep the story as it is</option>
          <option value="ANONYMIZE">Anonymize a named person across the story</option>
          <option value="NOINDEX">Remove from search engines (noindex)</option>
          <option value="UNPUBLISH">Unpublish</option>
        </Select>
      </Field>
      <Field id={id("name")} label="Name to remove (for anonymize)" error={f.anonymizedName}>
        <input id={id("name")} name="anonymizedName" defaultValue={v.anonymizedName} {...describedBy(id("name"), f.anonymizedName)} className={inputClass} />
      </Field>
      <Field id={id("replacement")} label="Replace with" hint="e.g. “a former student”; default “[name removed]”.">
        <input id={id("replacement")} name="replacement" defaultValue={v.replacement} aria-describedby={`${id("replacement")}-hint`} className={inputClass} />
      </Field>
      <Field id={id("reason")} label="Reason for the decision" error={f.decisionReason}>
        <textarea id={id("reason")} name="decisionReason" rows={2} defaultValue={v.decisionReason} {...describedBy(id("reason"), f.decisionReason)} className={inputClass} />
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

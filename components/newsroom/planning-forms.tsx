"use client";
import { buttonClass, describedBy as described, Field, FormMessage, inputClass, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Action = FormActionFn;
type Option = { id: string; name: string };

/** Anyone on staff pitches a story. */
export function PitchForm({ action, sections }: { action: Action; sections: Option[] }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    // A successful pitch empties the form; a failed one keeps every word.
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" aria-label="Pitch a story" noValidate key={state.ok ? state.message : "pitch"}>
      <div className="sm:col-span-2">
        <Field id="pitch-title" label="Working headline" error={error("title")}>
          <input id="pitch-title" name="title" defaultValue={value("title") ?? ""} className={inputClass} {...described("pitch-title", error("title"))} />
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field id="pitch-angle" label="Angle" error={error("angle")} hint="What is the story, and why now?">
          <textarea id="pitch-angle" name="angle" rows={3} defaultValue={value("angle") ?? ""} className={inputClass} {...described("pitch-angle", error("angle"), true)} />
        </Field>
      </div>
      <Field id="pitch-section" label="Section" error={error("section")}>
        <Select id="pitch-section" name="section" defaultValue={value("section") ?? ""} {...described("pitch-section", error("section"))}>
          <option value="">No section yet</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="pitch-sources" label="Sources to contact" error={error("sources")} hint="Who you will interview or what you will read.">
        <textarea id="pitch-sources" name="sources" rows={2} defaultValue={value("sources") ?? ""} className={inputClass} {...described("pitch-sources", error("sources"), true)} />
      </Field>
      <div className="sm:col-span-2 flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass} disabled={pending}>
          Send pitch
        </button>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

/** Accept or reject one pitch; a rejection needs the note. */
export function PitchDecisionForm({ action, pitchId, title, canAccept }: { action: Action; pitchId: string; title: string; canAccept: boolean }) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  const id = `decision-note-${pitchId}`;
  return (
    <form action={formAction} className="flex flex-col gap-2" aria-label={`Decide “${title}”`} noValidate>
      <input type="hidden" name="pitchId" value={pitchId} />
      <Field id={id} label="Note to the pitcher" error={error("note")} hint="Required to reject; shown to the pitcher.">
        <textarea id={id} name="note" rows={2} defaultValue={value("note") ?? ""} className={inputClass} {...described(id, error("note"), true)} />
      </Field>
      <div className="flex flex-wrap items-center gap-2">
        {canAccept && (
          <button type="submit" name="decision" value="accept" className={secondaryButtonClass} disabled={pending}>
            Accept
          </button>
        )}
        <button type="submit" name="decision" value="reject" className={secondaryButtonClass} disabled={pending}>
          Reject
        </button>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

const WRITER_SLOTS = ["Lead writer", "Second writer", "Third writer"] as const;
const PHOTOGRAPHER_SLOTS = ["Photographer", "Second photographer"] as const;

export type AssignmentDefaults = { pitchId?: string; headline?: string; sectionId?: string };

/**
 * Editors and advisers assign a story: writers in byline order, photographers, section, issue,
 * deadline (publication time) and target length. Creates the draft and notifies the assignees.
 */
export function AssignmentForm({
  action,
  staff,
  sections,
  issues,
  timeZone,
  defaults = {},
}: {
  action: Action;
  staff: Option[];
  sections: Option[];
  issues: { id: string; label: string }[];
  timeZone: string;
  defaults?: AssignmentDefaults;
}) {
  const { state, formAction, pending, error: fieldError, value, values } = useFormAction(action);
  const slot = (key: "writerIds" | "photographerIds", i: number) => values(key)[i] ?? "";
  const people = (key: "writerIds" | "photographerIds", labels: readonly string[], legend: string, hint: string) => {
    const error = fieldError(key);
    return (
      <fieldset className="flex flex-col gap-2 sm:col-span-2" aria-describedby={error ? `assign-${key}-error` : `assign-${key}-hint`}>
        <legend className="text-sm font-semibold">{legend}</legend>
        <p id={`assign-${key}-hint`} className="text-xs text-muted">
          {hint}
        </p>
        <div className="grid gap-3 sm:grid-cols-3">
          {labels.map((label, i) => {
            const id = `assign-${key}-${i + 1}`;
            return (
              <div key={id} className="flex flex-col gap-1">
                <label htmlFor={id} className="text-sm">
                  {label}
                </label>
                <Select id={id} name={key} defaultValue={slot(key, i)} aria-invalid={error ? true : undefined}>
                  <option value="">{i === 0 && key === "writerIds" ? "Choose a writer" : "Nobody"}</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </div>
            );
          })}
        </div>
        {error && (
          <p id={`assign-${key}-error`} className="text-sm font-semibold text-danger" role="alert">
            {error}
          </p>
        )}
      </fieldset>
    );
  };
  return (
    <form action={formAction} className="grid gap-4 sm:grid-cols-2" aria-label="Assign a story" noValidate>
      {defaults.pitchId && <input type="hidden" name="pitchId" value={defaults.pitchId} />}
      <div className="sm:col-span-2">
        <Field id="assign-headline" label="Headline" error={fieldError("headline")} hint={defaults.pitchId ? "From the pitch; change it if you like." : undefined}>
          <input
            id="assign-headline"
            name="headline"
            defaultValue={value("headline") ?? defaults.headline ?? ""}
            className={inputClass}
            {...described("assign-headline", fieldError("headline"), Boolean(defaults.pitchId))}
          />
        </Field>
      </div>
      {people("writerIds", WRITER_SLOTS, "Writers", "In byline order. Each writer can open and write the draft.")}
      {people("photographerIds", PHOTOGRAPHER_SLOTS, "Photographers", "Optional. Photographers can open the draft too.")}
      <Field id="assign-section" label="Section" error={fieldError("section")}>
        <Select id="assign-section" name="section" defaultValue={value("section") ?? defaults.sectionId ?? ""} {...described("assign-section", fieldError("section"))}>
          <option value="">No section</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="assign-issue" label="Target issue" error={fieldError("issueId")}>
        <Select id="assign-issue" name="issueId" defaultValue={value("issueId") ?? ""} {...described("assign-issue", fieldError("issueId"))}>
          <option value="">No issue (online only)</option>
          {issues.map((i) => (
            <option key={i.id} value={i.id}>
              {i.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="assign-deadline" label="Deadline" error={fieldError("deadline")} hint={`Date and time in ${timeZone}.`}>
        <input id="assign-deadline" name="deadline" type="datetime-local" defaultValue={value("deadline") ?? ""} className={inputClass} {...described("assign-deadline", fieldError("deadline"), true)} />
      </Field>
      <Field id="assign-target" label="Target length (words)" error={fieldError("targetWords")}>
        <input
          id="assign-target"
          name="targetWords"
          type="number"
          inputMode="numeric"
          min={50}
          step={50}
          defaultValue={value("targetWords") ?? ""}
          className={inputClass}
          {...described("assign-target", fieldError("targetWords"))}
        />
      </Field>
      <div className="sm:col-span-2 flex flex-wrap items-center gap-4">
        <button type="submit" className={buttonClass} disabled={pending}>
          Create assignment
        </button>
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

/** Prints the page (the budget has its own print stylesheet). */
export function PrintButton({ label = "Print" }: { label?: string }) {
  return (
    <button type="button" className={secondaryButtonClass} onClick={() => window.print()}>
      {label}
    </button>
  );
}

"use client";
import { buttonClass, describedBy as described, Field, FormMessage, inputClass, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Action = FormActionFn;

/** The suggestions offered in every position field (any text is allowed). */
export function PositionSuggestions({ id, positions }: { id: string; positions: readonly string[] }) {
  return (
    <datalist id={id}>
      {positions.map((p) => (
        <option key={p} value={p} />
      ))}
    </datalist>
  );
}

/** Put someone on the volume's masthead. A refusal keeps the choice and the position typed. */
export function AddMastheadEntryForm({
  action,
  volumeId,
  people,
  suggestions,
}: {
  action: Action;
  volumeId: string;
  people: { id: string; fullName: string; active: boolean; listed: boolean }[];
  suggestions: string;
}) {
  const { state, formAction, pending, error, value } = useFormAction(action);
  return (
    <form action={formAction} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end" aria-label="Add to the masthead" noValidate key={state.ok ? state.message : "add"}>
      <input type="hidden" name="volumeId" value={volumeId} />
      <Field id="masthead-person" label="Person" error={error("personId")}>
        <Select id="masthead-person" name="personId" defaultValue={value("personId") ?? ""} {...described("masthead-person", error("personId"))}>
          <option value="">Choose a person</option>
          {people.map((p) => (
            <option key={p.id} value={p.id} disabled={p.listed}>
              {p.fullName}
              {p.active ? "" : " (no active account)"}
              {p.listed ? " (listed)" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="masthead-position" label="Position" error={error("position")} hint="For example Editor-in-Chief, Staff Writer, Faculty Adviser.">
        <input id="masthead-position" name="position" list={suggestions} defaultValue={value("position") ?? ""} className={inputClass} {...described("masthead-position", error("position"), true)} />
      </Field>
      <div className="flex flex-col gap-1">
        <button type="submit" className={buttonClass} disabled={pending}>
          Add to masthead
        </button>
      </div>
      <div className="sm:col-span-3">
        <FormMessage ok={state.ok} message={state.message} />
      </div>
    </form>
  );
}

/** One masthead line: change the position, move it, or take it off. */
export function MastheadEntryControls({
  entry,
  first,
  last,
  suggestions,
  updateAction,
  moveAction,
  removeAction,
}: {
  entry: { id: string; position: string; fullName: string };
  first: boolean;
  last: boolean;
  suggestions: string;
  updateAction: Action;
  moveAction: Action;
  removeAction: Action;
}) {
  const { state: updated, formAction: update, pending: updating, error: updateError, value: updateValue } = useFormAction(updateAction);
  const { state: moved, formAction: move, pending: moving } = useFormAction(moveAction);
  const { state: removed, formAction: remove, pending: removing } = useFormAction(removeAction);
  const id = `position-${entry.id}`;
  const error = updateError("position");
  const typed = updateValue("position");
  const failure = [moved, removed].find((s) => s.ok === false)?.message;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <form action={update} className="flex flex-wrap items-end gap-2" aria-label={`Position of ${entry.fullName}`} noValidate>
        <input type="hidden" name="entryId" value={entry.id} />
        <Field id={id} label={`Position of ${entry.fullName}`} error={error}>
          {/* Keyed on the saved position so a save elsewhere refreshes the field. */}
          <input key={entry.position} id={id} name="position" list={suggestions} defaultValue={typed ?? entry.position} className={inputClass} {...described(id, error)} />
        </Field>
        <button type="submit" className={secondaryButtonClass} disabled={updating}>
          Save position
        </button>
      </form>
      <form action={move} aria-label={`Move ${entry.fullName}`} className="flex gap-2">
        <input type="hidden" name="entryId" value={entry.id} />
        <button type="submit" name="direction" value="up" className={secondaryButtonClass} disabled={moving || first} aria-label={`Move ${entry.fullName} up`}>
          Up
        </button>
        <button type="submit" name="direction" value="down" className={secondaryButtonClass} disabled={moving || last} aria-label={`Move ${entry.fullName} down`}>
          Down
        </button>
      </form>
      <form action={remove} aria-label={`Remove ${entry.fullName}`}>
        <input type="hidden" name="entryId" value={entry.id} />
        <button type="submit" className={secondaryButtonClass} disabled={removing}>
          Remove<span className="sr-only"> {entry.fullName}</span>
        </button>
      </form>
      {updated.ok && <FormMessage ok message={updated.message} />}
      {!updated.ok && updated.message && !error && <FormMessage ok={false} message={updated.message} />}
      {failure && <FormMessage ok={false} message={failure} />}
    </div>
  );
}

/** Start a new year's masthead from today's staff. */
export function CopyStaffForm({ action, volumeId, label }: { action: Action; volumeId: string; label: string }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3" aria-label={`Copy current staff into ${label}`}>
      <input type="hidden" name="volumeId" value={volumeId} />
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Copy current staff into this volume
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

"use client";
import { useEffect, useState } from "react";
import { describedBy, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";
import type { ActionState } from "@/lib/actions/form-state";
import { updateMediaAction } from "@/lib/actions/media";
import type { TMedia } from "@/lib/validation/media";

type Fields = Partial<Record<"alt" | "caption" | "credit", string>>;

/** Read an API error body: `{"error":{"code","message","fields"?}}`. */
export async function apiError(response: Response): Promise<{ message: string; fields: Record<string, string> }> {
  try {
    const body = (await response.json()) as { error?: { message?: string; fields?: Record<string, string> } };
    return { message: body.error?.message ?? `The server answered ${response.status}.`, fields: body.error?.fields ?? {} };
  } catch {
    return { message: `The server answered ${response.status}.`, fields: {} };
  }
}

/** The server action, answering like any refusal when the server cannot be reached (the text stays). */
const saveDetails: FormActionFn<TMedia> = async (prev, form) => {
  try {
    return await updateMediaAction(prev, form);
  } catch {
    return { ok: false, message: "Could not reach the server. Your text is still here; try again." } satisfies ActionState<TMedia>;
  }
};

/**
 * Alt text, caption and credit of one library image, saved through a server action (the same
 * use case as PATCH /api/v1/media/:id). Read-only for staff who may not change them (the server
 * checks again). The save refreshes the page; `onSaved` also hears of the saved image.
 */
export function MediaDetailsForm({ media, onSaved, compact = false }: { media: TMedia; onSaved?: (media: TMedia) => void; compact?: boolean }) {
  const { state, formAction, pending, error } = useFormAction(saveDetails);
  const [values, setValues] = useState({ alt: media.alt, caption: media.caption, credit: media.credit });
  const fields: Fields = { alt: error("alt"), caption: error("caption"), credit: error("credit") };
  const id = (name: string) => `media-${media.id}-${name}`;
  const saved = state.ok ? state.data : undefined;
  useEffect(() => {
    if (!saved) return;
    setValues({ alt: saved.alt, caption: saved.caption, credit: saved.credit });
    onSaved?.(saved);
    // Only a new save matters, not a new onSaved from a parent's render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saved]);

  if (!media.canEdit) {
    return (
      <dl className="grid gap-1 text-sm">
        <dt className="font-semibold">Alt text</dt>
        <dd>{media.alt || <span className="text-warn">None yet. Ask the uploader or an editor to add it.</span>}</dd>
        {media.caption && (
          <>
            <dt className="font-semibold">Caption</dt>
            <dd>{media.caption}</dd>
          </>
        )}
        {media.credit && (
          <>
            <dt className="font-semibold">Credit</dt>
            <dd>{media.credit}</dd>
          </>
        )}
      </dl>
    );
  }

  const field = (name: keyof Fields, label: string, hint: string | null, multiline: boolean) => {
    const control = {
      id: id(name),
      name,
      value: values[name],
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
      ...describedBy(id(name), fields[name], !!hint),
      className: inputClass,
    };
    return (
      <Field id={id(name)} label={label} error={fields[name]} hint={hint ?? undefined}>
        {multiline ? <textarea rows={compact ? 2 : 3} {...control} /> : <input {...control} />}
      </Field>
    );
  };

  return (
    <form
      action={formAction}
      // Rendered inside a portal, this submit would still bubble to a story <form> around the picker.
      onSubmit={(event) => event.stopPropagation()}
      className="flex flex-col gap-3"
      aria-label={`Details of ${media.originalName}`}
      noValidate
    >
      <input type="hidden" name="id" value={media.id} />
      {field("alt", "Alt text", "What the photo shows, for readers who cannot see it. Required before publishing.", true)}
      {field("caption", "Caption", null, true)}
      {field("credit", "Credit", compact ? null : "Who took the photo, e.g. “Jaehoon Song / The Gazette”.", false)}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={secondaryButtonClass} disabled={pending}>
          {pending ? "Saving…" : "Save details"}
        </button>
        {state.message && <FormMessage ok={state.ok} message={state.message} />}
      </div>
    </form>
  );
}

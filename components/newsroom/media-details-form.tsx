"use client";
import { useState } from "react";
import { describedBy, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
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

/**
 * Alt text, caption and credit of one library image, saved through a server action (the same
 * use case as PATCH /api/v1/media/:id). Read-only for staff who may not change them (the server
 * checks again). The save refreshes the page; `onSaved` also hears of the saved image.
 */
export function MediaDetailsForm({ media, onSaved, compact = false }: { media: TMedia; onSaved?: (media: TMedia) => void; compact?: boolean }) {
  const [values, setValues] = useState({ alt: media.alt, caption: media.caption, credit: media.credit });
  const { state, formAction, pending, error } = useFormAction<TMedia>(async (prev, form) => {
    try {
      const next = await updateMediaAction(prev, form);
      if (next.ok && next.data) {
        setValues({ alt: next.data.alt, caption: next.data.caption, credit: next.data.credit });
        // In a picker, tell it; the server action has refreshed the page itself.
        onSaved?.(next.data);
      }
      return next;
    } catch {
      // The server could not be reached: answer like a refusal, and the text stays.
      return { ok: false, message: "Could not reach the server. Your text is still here; try again." } satisfies ActionState<TMedia>;
    }
  });
  const fields: Fields = { alt: error("alt"), caption: error("caption"), credit: error("credit") };
  const id = (name: string) => `media-${media.id}-${name}`;

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

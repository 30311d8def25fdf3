"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, describedBy, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { TMedia } from "@/lib/validation/media";

type Fields = Partial<Record<"alt" | "caption" | "credit", string>>;

/**
 * Alt text, caption and credit of one library image, saved through PATCH /api/v1/media/:id.
 * Read-only for staff who may not change them (the server checks again). Without `onSaved`, the
 * page is refreshed after a save.
 */
export function MediaDetailsForm({
  media,
  onSaved,
  onUse,
  compact = false,
}: {
  media: TMedia;
  onSaved?: (media: TMedia) => void;
  /**
   * In a picker: the form's one button is "Use this image", which saves what was typed (when it
   * changed) and then hands the image, details included, to `onUse`. Nothing typed is lost.
   */
  onUse?: (media: TMedia) => void;
  compact?: boolean;
}) {
  const router = useRouter();
  const [values, setValues] = useState({ alt: media.alt, caption: media.caption, credit: media.credit });
  const [fields, setFields] = useState<Fields>({});
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const id = (name: string) => `media-${media.id}-${name}`;

  if (!media.canEdit) {
    return (
      <>
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
        {onUse && (
          <button type="button" className={buttonClass} onClick={() => onUse(media)}>
            Use this image
          </button>
        )}
      </>
    );
  }

  async function save(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Rendered inside a portal, this submit would still bubble to a story <form> around the picker.
    event.stopPropagation();
    const unchanged = values.alt === media.alt && values.caption === media.caption && values.credit === media.credit;
    if (onUse && unchanged) return onUse(media);
    setPending(true);
    setStatus(null);
    const result = await api.updateMedia(media.id, values);
    setPending(false);
    if (!result.ok) {
      setFields(result.error.fields ?? {});
      setStatus({ ok: false, message: result.error.code === "NETWORK" ? "Could not reach the server. Your text is still here; try again." : result.error.message });
      return;
    }
    const saved = result.data;
    setFields({});
    setValues({ alt: saved.alt, caption: saved.caption, credit: saved.credit });
    setStatus({ ok: true, message: "Saved." });
    // Standalone (the library page), refresh the server-rendered grid; in a picker, tell it.
    if (onSaved) onSaved(saved);
    else router.refresh();
    onUse?.(saved);
  }

  const field = (name: keyof Fields, label: string, hint: string | null, multiline: boolean) => {
    const control = {
      id: id(name),
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
    <form onSubmit={save} className="flex flex-col gap-3" aria-label={`Details of ${media.originalName}`} noValidate>
      {field("alt", "Alt text", "What the photo shows, for readers who cannot see it. Required before publishing.", true)}
      {field("caption", "Caption", null, true)}
      {field("credit", "Credit", compact ? null : "Who took the photo, e.g. “Jaehoon Song / The Gazette”.", false)}
      {onUse && !values.alt.trim() && (
        <p className="text-sm font-semibold text-warn" data-testid="no-alt-warning">
          This image has no alt text yet. The story cannot be published until it has some.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={onUse ? buttonClass : secondaryButtonClass} disabled={pending}>
          {pending ? "Saving…" : onUse ? "Use this image" : "Save details"}
        </button>
        {status && <FormMessage ok={status.ok} message={status.message} />}
      </div>
    </form>
  );
}

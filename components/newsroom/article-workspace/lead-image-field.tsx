"use client";
import { Field, inputClass, secondaryButtonClass } from "@/components/ui/field";
import type { TPickedMedia } from "@/lib/validation/media";
import { MediaPicker } from "../media-picker";

type Props = {
  image: TPickedMedia | null;
  editable: boolean;
  onChange: (image: TPickedMedia | null) => void;
  /** This story's own caption for the image ("": the library's caption shows). */
  caption: string;
  onCaptionChange: (caption: string) => void;
  onCaptionBlur: () => void;
  /** The server's message for the caption from the last refused save. */
  captionError?: string;
};

/**
 * The story's lead image and its details; a missing alt text is said plainly, since publishing
 * refuses it. The caption here is this story's own: what the photo shows in this story. The
 * library's caption (shared by every story using the photo) stays as it is and shows when this
 * one is empty.
 */
export function LeadImageField({ image, editable, onChange, caption, onCaptionChange, onCaptionBlur, captionError }: Props) {
  return (
    <div className="flex flex-col gap-2">
      <span className="text-sm font-semibold">Lead image</span>
      {image ? (
        <figure className="flex flex-wrap items-start gap-3" data-testid="lead-image">
          {/* eslint-disable-next-line @next/next/no-img-element -- a library rendition, already sized WebP; no optimizer in between */}
          <img src={image.url} alt={image.alt} width={160} height={Math.round((160 * image.height) / Math.max(1, image.width))} className="rounded border border-rule" />
          <figcaption className="min-w-0 flex-1 text-sm">
            {image.alt ? <>Alt text: {image.alt}</> : <strong className="text-danger">No alt text yet: add it before publishing.</strong>}
            {image.caption && <span className="block text-muted">Library caption: {image.caption}</span>}
            {image.credit && <span className="block text-muted">Credit: {image.credit}</span>}
          </figcaption>
        </figure>
      ) : (
        <p className="text-sm text-muted">No lead image.</p>
      )}
      {image && (
        <Field id="lead-image-caption" label="Caption for this story" error={captionError} hint="What this photo shows in this story. Leave it empty to use the library's caption; other stories keep theirs.">
          <textarea
            id="lead-image-caption"
            value={caption}
            rows={2}
            placeholder={image.caption || "No caption in the library"}
            onChange={(e) => onCaptionChange(e.target.value)}
            onBlur={onCaptionBlur}
            readOnly={!editable}
            aria-invalid={captionError ? true : undefined}
            aria-describedby={captionError ? "lead-image-caption-error" : "lead-image-caption-hint"}
            className={inputClass}
          />
        </Field>
      )}
      {editable && (
        <div className="flex flex-wrap gap-2">
          <MediaPicker label={image ? "Change lead image" : "Choose lead image"} onPick={onChange} />
          {image && (
            <button type="button" className={secondaryButtonClass} onClick={() => onChange(null)}>
              Remove lead image
            </button>
          )}
        </div>
      )}
    </div>
  );
}

"use client";
import { secondaryButtonClass } from "@/components/ui/field";
import type { TPickedMedia } from "@/lib/validation/media";
import { MediaPicker } from "../media-picker";

/** The story's lead image and its details; a missing alt text is said plainly, since publishing refuses it. */
export function LeadImageField({ image, editable, onChange }: { image: TPickedMedia | null; editable: boolean; onChange: (image: TPickedMedia | null) => void }) {
  return (
    <div className="flex flex-col gap-2">
      <span className="text-sm font-semibold">Lead image</span>
      {image ? (
        <figure className="flex flex-wrap items-start gap-3" data-testid="lead-image">
          {/* eslint-disable-next-line @next/next/no-img-element -- a library rendition, already sized WebP; no optimizer in between */}
          <img src={image.url} alt={image.alt} width={160} height={Math.round((160 * image.height) / Math.max(1, image.width))} className="rounded border border-rule" />
          <figcaption className="text-sm">
            {image.alt ? <>Alt text: {image.alt}</> : <strong className="text-danger">No alt text yet: add it before publishing.</strong>}
            {image.caption && <span className="block">{image.caption}</span>}
            {image.credit && <span className="block text-muted">Credit: {image.credit}</span>}
          </figcaption>
        </figure>
      ) : (
        <p className="text-sm text-muted">No lead image.</p>
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

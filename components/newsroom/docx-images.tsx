"use client";
import { useState } from "react";
import { buttonClass, describedBy, Field, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { TDocxImageFailure, TDocxImageOffer } from "@/lib/validation/docx-import";
import type { TMedia } from "@/lib/validation/media";

export type DocxImport = { importId: string | null; images: TDocxImageOffer[]; failed: TDocxImageFailure[] };
export type DocxImagePlacement = "inline" | "lead";

type Fields = Partial<Record<"alt" | "caption" | "credit", string>>;
type State =
  | { kind: "pending" }
  | { kind: "busy" }
  | { kind: "added"; as: DocxImagePlacement }
  | { kind: "skipped" }
  | { kind: "error"; message: string; fields: Fields };

/**
 * The photos of an imported .docx, offered one by one after its text is in the editor: a
 * preview, alt text, caption and credit (as in the media picker), then add it to the library
 * and the story (where it stood, or as the lead image) or skip it. Skipped photos are deleted on
 * the server and never stored. Photos that could not be imported are listed with the reason.
 */
export function DocxImages({
  docx,
  allowLead,
  onAdded,
  onSkipped,
  onClose,
}: {
  docx: DocxImport;
  allowLead: boolean;
  onAdded: (key: string, media: TMedia, as: DocxImagePlacement) => void;
  onSkipped: (key: string) => void;
  onClose: () => void;
}) {
  const [states, setStates] = useState<Record<string, State>>({});
  const stateOf = (key: string): State => states[key] ?? { kind: "pending" };
  const undecided = docx.images.filter((i) => ["pending", "busy", "error"].includes(stateOf(i.key).kind)).length;

  return (
    <section aria-labelledby="docx-images-heading" className="flex flex-col gap-4 rounded border border-rule bg-panel p-4" data-testid="docx-images">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="docx-images-heading" className="font-bold">
          Photos from the document
        </h2>
        {undecided === 0 && (
          <button type="button" className={secondaryButtonClass} onClick={onClose}>
            Done
          </button>
        )}
      </div>
      {docx.images.length > 0 && (
        <p className="text-sm text-muted">
          {undecided > 0
            ? `Add each photo to the story and the media library, or skip it. Skipped photos are not kept. Location and camera data have been removed.`
            : "Every photo is decided."}{" "}
          Alt text is needed before the story can be published.
        </p>
      )}
      {docx.failed.length > 0 && (
        <div role="alert" className="rounded border-2 border-warn p-3 text-sm">
          <p className="font-semibold">
            {docx.failed.length === 1 ? "One picture could not be imported" : `${docx.failed.length} pictures could not be imported`}; the text came in without{" "}
            {docx.failed.length === 1 ? "it" : "them"}:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {docx.failed.map((f) => (
              <li key={f.key}>
                <strong>{f.label}</strong>: {f.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {docx.importId && docx.images.length > 0 && (
        <ul className="flex flex-col gap-4">
          {docx.images.map((image) => (
            <li key={image.key}>
              <Offer
                importId={docx.importId!}
                image={image}
                state={stateOf(image.key)}
                setState={(s) => setStates((all) => ({ ...all, [image.key]: s }))}
                allowLead={allowLead}
                onAdded={onAdded}
                onSkipped={onSkipped}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Offer({
  importId,
  image,
  state,
  setState,
  allowLead,
  onAdded,
  onSkipped,
}: {
  importId: string;
  image: TDocxImageOffer;
  state: State;
  setState: (s: State) => void;
  allowLead: boolean;
  onAdded: (key: string, media: TMedia, as: DocxImagePlacement) => void;
  onSkipped: (key: string) => void;
}) {
  const [values, setValues] = useState({ alt: image.alt, caption: "", credit: "" });
  const id = (name: string) => `docx-${importId}-${image.key}-${name}`;
  const fields = state.kind === "error" ? state.fields : {};
  const done = state.kind === "added" || state.kind === "skipped";

  async function add(as: DocxImagePlacement) {
    setState({ kind: "busy" });
    const result = await api.addImportedImage(importId, image.key, values);
    if (!result.ok) {
      const message = result.error.code === "NETWORK" ? "Could not reach the server. Your text is still here; try again." : result.error.message;
      return setState({ kind: "error", message, fields: result.error.fields ?? {} });
    }
    setState({ kind: "added", as });
    onAdded(image.key, result.data, as);
  }

  async function skip() {
    setState({ kind: "busy" });
    const result = await api.skipImportedImage(importId, image.key);
    // 404: already gone (expired or skipped in another tab), which is what skipping wants.
    if (!result.ok && result.status !== 404) {
      return setState({ kind: "error", message: result.error.code === "NETWORK" ? "Could not reach the server. Try again." : result.error.message, fields: {} });
    }
    setState({ kind: "skipped" });
    onSkipped(image.key);
  }

  const field = (name: keyof Fields, label: string, hint: string | null, multiline: boolean) => {
    const common = {
      id: id(name),
      value: values[name],
      readOnly: done,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
      ...describedBy(id(name), fields[name], !!hint),
      className: inputClass,
    };
    return (
      <Field id={id(name)} label={label} error={fields[name]} hint={hint ?? undefined}>
        {multiline ? (
          <textarea rows={2} {...common} />
        ) : (
          // Enter here must not submit the story form around this panel.
          <input {...common} onKeyDown={(e) => e.key === "Enter" && e.preventDefault()} />
        )}
      </Field>
    );
  };

  return (
    <article aria-label={image.label} className="grid gap-3 rounded border border-rule bg-paper p-3 sm:grid-cols-[12rem_1fr]">
      <div className="flex flex-col gap-1">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img
          src={image.preview}
          alt={values.alt || `${image.label} from the document (no alt text yet)`}
          width={320}
          height={Math.round((320 * image.height) / Math.max(1, image.width))}
          className="h-auto w-full rounded border border-rule"
        />
        <p className="break-all text-xs text-muted">
          {image.label} · {image.width} × {image.height}
        </p>
      </div>
      <div className="flex flex-col gap-3">
        {field("alt", "Alt text", "What the photo shows, for readers who cannot see it. Required before publishing.", true)}
        {field("caption", "Caption", null, true)}
        {field("credit", "Credit", "Who took the photo, e.g. “Jaehoon Song / The Gazette”.", false)}
        {state.kind === "added" ? (
          <p role="status" className="font-semibold text-ok">
            {state.as === "lead" ? "Added to the media library as the story’s lead image." : "Added to the media library and to the story where it stood."}
            {!values.alt.trim() && " Add alt text in the media library before publishing."}
          </p>
        ) : state.kind === "skipped" ? (
          <p role="status" className="text-muted">
            Skipped: this photo was not kept.
          </p>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={buttonClass} disabled={state.kind === "busy"} onClick={() => void add("inline")}>
              Add to story
            </button>
            {allowLead && (
              <button type="button" className={secondaryButtonClass} disabled={state.kind === "busy"} onClick={() => void add("lead")}>
                Add as lead image
              </button>
            )}
            <button type="button" className={secondaryButtonClass} disabled={state.kind === "busy"} onClick={() => void skip()}>
              Skip
            </button>
            {!values.alt.trim() && <p className="text-sm font-semibold text-warn">No alt text yet: the story cannot be published until it has some.</p>}
            {state.kind === "error" && <FormMessage ok={false} message={state.message} />}
          </div>
        )}
      </div>
    </article>
  );
}

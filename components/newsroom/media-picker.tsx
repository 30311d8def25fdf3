"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { MediaDetailsForm } from "@/components/newsroom/media-details-form";
import { MediaUploader } from "@/components/newsroom/media-uploader";
import { inputClass, secondaryButtonClass } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { TMedia, TPickedMedia } from "@/lib/validation/media";

export function toPicked(media: TMedia): TPickedMedia {
  return { id: media.id, url: media.urls.src, alt: media.alt, caption: media.caption, credit: media.credit, width: media.urls.width, height: media.urls.height };
}

/**
 * A dialog to choose an image from the media library, or upload one and choose it. The chosen
 * image's alt text, caption and credit can be written right here; `onPick` gets them as saved.
 */
export function MediaPicker({
  onPick,
  label = "Choose image",
  title = "Choose an image",
  disabled = false,
  buttonClassName = secondaryButtonClass,
}: {
  onPick: (media: TPickedMedia) => void;
  label?: string;
  title?: string;
  disabled?: boolean;
  /** The opening button's look (the editor toolbar's own buttons are smaller). */
  buttonClassName?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  const searchId = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [media, setMedia] = useState<TMedia[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [mounted, setMounted] = useState(false);
  const selected = media.find((m) => m.id === selectedId) ?? null;

  const load = useCallback(async (query: string, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    const result = await api.listMedia({ q: query || undefined, limit: 120 }, signal);
    if (result.ok) setMedia(result.data);
    // A search the user has typed past was aborted on purpose: nothing to say.
    else if (result.error.code !== "ABORTED") setError(result.error.code === "NETWORK" ? "Could not load the library. Check your connection and try again." : result.error.message);
    if (!signal?.aborted) setLoading(false);
  }, []);

  // The dialog lives under <body>: the picker often sits inside the story's own <form>.
  // eslint-disable-next-line react-hooks/set-state-in-effect -- the portal needs document.body, which exists only after mount
  useEffect(() => setMounted(true), []);

  // Search as the user types, a moment after they stop.
  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(() => void load(q.trim(), controller.signal), 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, q, load]);

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  function close() {
    dialog.current?.close();
  }

  function replace(updated: TMedia) {
    setMedia((list) => list.map((m) => (m.id === updated.id ? updated : m)));
  }

  return (
    <>
      <button type="button" className={buttonClassName} onClick={show} disabled={disabled}>
        {label}
      </button>
      {mounted &&
        createPortal(
          <dialog
            ref={dialog}
            aria-labelledby={headingId}
            onClose={() => setOpen(false)}
            className="m-auto w-[min(64rem,calc(100vw-1rem))] max-h-[calc(100vh-1rem)] rounded border border-rule bg-paper p-0 text-ink backdrop:bg-black/50"
          >
            <div className="flex flex-col gap-4 p-4">
              <div className="flex items-center justify-between gap-4">
                <h2 id={headingId} className="font-serif text-2xl font-bold">
                  {title}
                </h2>
                <button type="button" className={secondaryButtonClass} onClick={close}>
                  Close
                </button>
              </div>
              <div className="grid gap-4 md:grid-cols-[1fr_20rem]">
                <div className="flex min-w-0 flex-col gap-3">
                  <div className="flex flex-col gap-1">
                    <label htmlFor={searchId} className="text-sm font-semibold">
                      Search the library
                    </label>
                    <input
                      id={searchId}
                      type="search"
                      value={q}
                      onChange={(e) => setQ(e.target.value)}
                      placeholder="Alt text, caption, credit or file name"
                      className={inputClass}
                    />
                  </div>
                  {error && (
                    <p className="font-semibold text-danger" role="alert">
                      {error}
                    </p>
                  )}
                  <p className="sr-only" role="status">
                    {loading ? "Loading images…" : `${media.length} images`}
                  </p>
                  {!loading && !error && media.length === 0 && <p className="text-muted">{q ? "No image matches that search." : "The library is empty. Upload a photo below."}</p>}
                  <ul className="grid max-h-[50vh] grid-cols-3 gap-2 overflow-y-auto sm:grid-cols-4" aria-label="Library images">
                    {media.map((m) => (
                      <li key={m.id}>
                        <button
                          type="button"
                          onClick={() => setSelectedId(m.id)}
                          aria-pressed={m.id === selectedId}
                          className={`relative block aspect-square w-full overflow-hidden rounded border-2 ${m.id === selectedId ? "border-accent" : "border-transparent"}`}
                        >
                          {/* eslint-disable-next-line @next/next/no-img-element */}
                          <img src={m.thumbUrl} alt={m.alt || `No alt text yet: ${m.originalName}`} className="h-full w-full object-cover" loading="lazy" />
                          {!m.alt && <span className="absolute bottom-0 left-0 bg-warn px-1 text-xs font-semibold text-paper">No alt</span>}
                        </button>
                      </li>
                    ))}
                  </ul>
                  <details>
                    <summary className="cursor-pointer font-semibold">Upload new photos</summary>
                    <div className="mt-2">
                      <MediaUploader
                        onUploaded={(uploaded) => {
                          setMedia((list) => [uploaded, ...list.filter((m) => m.id !== uploaded.id)]);
                          setSelectedId(uploaded.id);
                        }}
                      />
                    </div>
                  </details>
                </div>
                <div className="flex flex-col gap-3">
                  {selected ? (
                    <>
                      {/* eslint-disable-next-line @next/next/no-img-element */}
                      <img src={selected.urls.src} alt={selected.alt} width={selected.urls.width} height={selected.urls.height} className="h-auto w-full rounded border border-rule" />
                      <p className="break-all text-xs text-muted">
                        {selected.originalName} · {selected.width} × {selected.height}
                      </p>
                      <MediaDetailsForm
                        key={selected.id}
                        media={selected}
                        onSaved={replace}
                        onUse={(used) => {
                          onPick(toPicked(used));
                          close();
                        }}
                        compact
                      />
                    </>
                  ) : (
                    <p className="text-muted">Choose an image to see it here.</p>
                  )}
                </div>
              </div>
            </div>
          </dialog>,
          document.body,
        )}
    </>
  );
}

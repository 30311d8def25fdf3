"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { secondaryButtonClass } from "@/components/ui/field";
import { readMediaUpload } from "@/lib/api-client";
import { MAX_UPLOAD_BYTES, MEDIA_MESSAGES, type TMedia } from "@/lib/validation/media";

type Item = {
  key: string;
  name: string;
  size: number;
  /** Fraction of the bytes sent, 0..1. */
  progress: number;
  status: "queued" | "uploading" | "processing" | "done" | "error";
  error?: string;
  media?: TMedia;
};

class UploadError extends Error {}

/** POST one file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function sendFile(file: File, onProgress: (fraction: number) => void, onSent: () => void): Promise<TMedia> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/media");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onSent();
    xhr.onload = () => {
      const result = readMediaUpload(xhr.status, xhr.responseText);
      if (result.ok) return resolve(result.data);
      if (xhr.status === 401) return reject(new UploadError("You have been signed out. Sign in again, then retry."));
      if (xhr.status === 413) return reject(new UploadError(MEDIA_MESSAGES.tooBig));
      const { fields, code, message } = result.error;
      // BAD_RESPONSE: not the API's JSON (a proxy's error page, say), so only the status is known.
      reject(new UploadError(fields?.file ?? (code === "BAD_RESPONSE" ? `The upload failed (the server answered ${xhr.status}).` : message)));
    };
    xhr.onerror = () => reject(new UploadError("The connection dropped. Check your network and try again."));
    xhr.ontimeout = () => reject(new UploadError("The upload took too long. Try again on a faster connection."));
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Upload photos to the media library: several at once, from a computer or a phone (the
 * browser offers the camera and the photo library; nothing is forced). Files go one at a time,
 * each with its own progress bar and its own error. Without `onUploaded`, the page refreshes
 * after each upload so a server-rendered library shows the new image.
 */
export function MediaUploader({ onUploaded, multiple = true, label = "Choose photos" }: { onUploaded?: (media: TMedia) => void; multiple?: boolean; label?: string }) {
  const router = useRouter();
  const inputId = useId();
  const [items, setItems] = useState<Item[]>([]);
  const [dragging, setDragging] = useState(false);
  const [tick, setTick] = useState(0);
  const files = useRef(new Map<string, File>());
  const busy = useRef(false);
  const counter = useRef(0);

  const update = (key: string, patch: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  function add(list: FileList | File[] | null) {
    if (!list) return;
    const added: Item[] = [];
    for (const file of Array.from(list).slice(0, multiple ? undefined : 1)) {
      const key = `f${++counter.current}`;
      // Instant feedback; the server checks the bytes again (and the type, by content).
      const error = file.size === 0 ? MEDIA_MESSAGES.empty : file.size > MAX_UPLOAD_BYTES ? MEDIA_MESSAGES.tooBig : undefined;
      if (!error) files.current.set(key, file);
      added.push({ key, name: file.name, size: file.size, progress: 0, status: error ? "error" : "queued", error });
    }
    setItems((current) => [...current, ...added]);
  }

  // One upload at a time: the server's image pipeline already uses every core.
  useEffect(() => {
    if (busy.current) return;
    const next = items.find((i) => i.status === "queued");
    const file = next && files.current.get(next.key);
    if (!next || !file) return;
    busy.current = true;
    update(next.key, { status: "uploading", progress: 0 });
    sendFile(
      file,
      (progress) => update(next.key, { progress }),
      () => update(next.key, { status: "processing", progress: 1 }),
    )
      .then((media) => {
        update(next.key, { status: "done", progress: 1, media });
        if (onUploaded) onUploaded(media);
        else router.refresh();
      })
      .catch((error: unknown) => {
        update(next.key, { status: "error", error: error instanceof UploadError ? error.message : "The upload failed. Try again." });
      })
      .finally(() => {
        files.current.delete(next.key);
        busy.current = false;
        setTick((t) => t + 1);
      });
  }, [items, tick, onUploaded, router]);

  const finished = items.filter((i) => i.status === "done" || i.status === "error").length;
  const active = items.some((i) => i.status === "queued" || i.status === "uploading" || i.status === "processing");

  return (
    <div className="flex flex-col gap-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          add(e.dataTransfer.files);
        }}
        className={`flex flex-col items-start gap-2 rounded border-2 border-dashed p-4 ${dragging ? "border-accent bg-panel" : "border-rule"}`}
      >
        <label htmlFor={inputId} className={`${secondaryButtonClass} cursor-pointer`}>
          {label}
        </label>
        {/* image/* lets phones offer the camera and the photo library; .heic/.heif for desktops that do not class them as images. */}
        <input
          id={inputId}
          type="file"
          accept="image/*,.heic,.heif"
          multiple={multiple}
          className="sr-only"
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = "";
          }}
        />
        <p className="text-xs text-muted">JPEG, PNG, WebP or HEIC (iPhone), up to 20 MB each. Or drop files here. Location data is removed.</p>
      </div>
      {items.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label="Uploads">
          {items.map((item) => (
            <li key={item.key} className="rounded border border-rule p-2 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="break-all font-semibold">{item.name}</span>
                <span className="text-xs text-muted">{sizeLabel(item.size)}</span>
              </div>
              {(item.status === "queued" || item.status === "uploading" || item.status === "processing") && (
                <div className="mt-1 flex items-center gap-2">
                  <progress
                    className="h-2 w-full accent-accent"
                    max={1}
                    value={item.status === "queued" ? 0 : item.progress}
                    aria-label={`Uploading ${item.name}`}
                  />
                  <span className="shrink-0 text-xs text-muted" aria-live="polite">
                    {item.status === "queued" ? "Waiting" : item.status === "uploading" ? `${Math.round(item.progress * 100)}%` : "Processing…"}
                  </span>
                </div>
              )}
              {item.status === "done" && (
                <p className="mt-1 text-ok" role="status">
                  Uploaded.{item.media && !item.media.alt ? " Add alt text before using it in a story." : ""}
                </p>
              )}
              {item.status === "error" && (
                <p className="mt-1 font-semibold text-danger" role="alert">
                  {item.error}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {finished > 0 && !active && (
        <div>
          <button type="button" className={secondaryButtonClass} onClick={() => setItems([])}>
            Clear list
          </button>
        </div>
      )}
    </div>
  );
}

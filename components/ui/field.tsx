import type { ReactNode } from "react";

/** A labelled form field with its error message announced next to it. */
export function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-semibold text-danger" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export const inputClass =
  "w-full rounded border border-muted bg-paper px-3 py-2 text-ink aria-[invalid=true]:border-danger aria-[invalid=true]:border-2";
export const buttonClass =
  "inline-flex items-center justify-center rounded bg-accent px-4 py-2 font-semibold text-accent-ink hover:opacity-90 disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded border border-ink px-4 py-2 font-semibold text-ink hover:bg-panel disabled:opacity-60";

/** A status line for forms: success or failure, announced to screen readers. */
export function FormMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className={ok ? "font-semibold text-ok" : "font-semibold text-danger"}>
      {message}
    </p>
  );
}

import type { ComponentProps, ReactNode } from "react";

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

/** aria-invalid and aria-describedby for the control of a Field: its error, else its hint. */
export function describedBy(id: string, error?: string, hint = false) {
  return {
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

/**
 * A <select> that always shows its `defaultValue`: the choice the server sent back with a
 * refused form, or the saved one after a save. React applies a select's defaultValue only when
 * it mounts, and resets the form when a form action returns, so a plain select jumps back to
 * its first option (or to the choice it was first rendered with). Keyed on the value, it mounts
 * afresh whenever the value changes. (Inputs, text areas, radios and checkboxes follow their
 * defaultValue / defaultChecked on every render, so they need nothing of the kind.)
 */
export function Select({ defaultValue, className = inputClass, ...props }: Omit<ComponentProps<"select">, "defaultValue" | "value" | "multiple"> & { defaultValue: string }) {
  return <select key={defaultValue} defaultValue={defaultValue} className={className} {...props} />;
}

/** A status line for forms: success or failure, announced to screen readers. */
export function FormMessage({ ok, message }: { ok?: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p role="status" className={ok ? "font-semibold text-ok" : "font-semibold text-danger"}>
      {message}
    </p>
  );
}

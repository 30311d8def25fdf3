"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/form-state";

export type FormActionFn<T = undefined> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/**
 * The one client hook for forms backed by a server action. `value(name)` is what the user typed
 * (kept after a refusal, cleared after a success); `error(name)` is that field's message;
 * `resetKey(name)` remounts an uncontrolled input so its defaultValue follows the latest answer.
 */
export function useFormAction<T = undefined>(action: FormActionFn<T>, initial: ActionState<T> = {}) {
  const [state, dispatch, pending] = useActionState(action, initial);
  const values = state.ok ? {} : (state.values ?? {});
  return {
    state,
    formAction: dispatch,
    pending,
    error: (name: string): string | undefined => state.fields?.[name],
    value: (name: string): string | undefined => {
      const v = values[name];
      return Array.isArray(v) ? v[0] : v;
    },
    values: (name: string): string[] => {
      const v = values[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
    resetKey: (name: string) => `${name}-${state.ok ? "reset" : "keep"}-${state.message ?? ""}`,
  };
}

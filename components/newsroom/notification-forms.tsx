"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ActionState } from "@/lib/actions/form-state";
import { buttonClass, FormMessage, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Action = FormActionFn;

export function MarkReadButton({ action, id, label, disabled = false }: { action: Action; id?: string; label: string; disabled?: boolean }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="inline-flex items-center gap-2">
      {id && <input type="hidden" name="id" value={id} />}
      <button type="submit" className={secondaryButtonClass} disabled={pending || disabled}>
        {label}
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function DigestForm({ action, kinds, selected }: { action: Action; kinds: { value: string; label: string }[]; selected: string[] }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-semibold">Also send these to me in a daily email digest</legend>
        {kinds.map((k) => (
          <label key={k.value} className="flex items-center gap-2">
            <input type="checkbox" name="kinds" value={k.value} defaultChecked={selected.includes(k.value)} />
            {k.label}
          </label>
        ))}
      </fieldset>
      <FormMessage ok={state.ok} message={state.message} />
      <div>
        <button type="submit" className={buttonClass} disabled={pending}>
          Save digest preferences
        </button>
      </div>
    </form>
  );
}

/**
 * Opening a story reads its notifications: rendered by the story page only while some are
 * unread, it marks them read once and refreshes the bell.
 */
export function MarkStoryRead({ articleId, action }: { articleId: string; action: (articleId: string) => Promise<ActionState> }) {
  const router = useRouter();
  useEffect(() => {
    void action(articleId).then((r) => {
      if (r.ok) router.refresh();
    });
  }, [articleId, action, router]);
  return null;
}

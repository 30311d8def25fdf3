"use client";
import { FormMessage, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

type Props = { articleId: string; revisionId: string; version: number; label: string; action: FormActionFn };

export function RestoreButton({ articleId, revisionId, version, label, action }: Props) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="revisionId" value={revisionId} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" className={secondaryButtonClass} disabled={pending} aria-label={label}>
        Restore
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

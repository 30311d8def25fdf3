"use client";
import { FormMessage, Select, secondaryButtonClass } from "@/components/ui/field";
import { type FormActionFn, useFormAction } from "@/components/ui/use-form-action";

/** Where a published story sits on the front page. */
export function PinForm({ articleId, pinRank, action }: { articleId: string; pinRank: number | null; action: FormActionFn }) {
  const { state, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2 rounded border border-rule p-3" aria-label="Front page placement">
      <input type="hidden" name="id" value={articleId} />
      <div className="flex flex-col gap-1">
        <label htmlFor="pinRank" className="text-sm font-semibold">
          Front page
        </label>
        {/* Shows the saved placement after a save (Select). */}
        <Select id="pinRank" name="pinRank" defaultValue={pinRank === null ? "" : String(pinRank)}>
          <option value="">By date (not pinned)</option>
          <option value="1">Lead story</option>
          <option value="2">Feature 1</option>
          <option value="3">Feature 2</option>
          <option value="4">Feature 3</option>
          <option value="5">Feature 4</option>
        </Select>
      </div>
      <button type="submit" className={secondaryButtonClass} disabled={pending}>
        Place
      </button>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

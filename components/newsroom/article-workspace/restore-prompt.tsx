"use client";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";

/** Edits a crash or a closed tab left on this device, offered back before anything else happens. */
export function RestorePrompt({ savedAtLabel, onRestore, onDiscard }: { savedAtLabel: string; onRestore: () => void; onDiscard: () => void }) {
  return (
    <div role="alert" className="rounded border-2 border-warn p-3" data-testid="restore-prompt">
      <p className="font-semibold">Unsaved changes from {savedAtLabel} were kept on this device.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" className={buttonClass} onClick={onRestore}>
          Restore them
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDiscard}>
          Discard
        </button>
      </div>
    </div>
  );
}

"use client";
import { buttonClass, secondaryButtonClass } from "@/components/ui/field";
import { comparableText, sentenceDiff } from "@/lib/domain/diff";
import { SentenceDiffView } from "./diff-view";

export type ConflictSide = { headline: string; dek: string; text: string };

type Props = {
  mine: ConflictSide;
  theirs: ConflictSide & { savedBy: string | null; savedAtLabel: string };
  merging: boolean;
  onKeepMine?: () => void;
  onKeepTheirs?: () => void;
  onMerge?: () => void;
  onDone?: () => void;
};

/**
 * Shown when a save was based on an old version. Both texts side by side, word differences
 * highlighted; the user keeps theirs, keeps the other, or merges by hand. Both versions are
 * already in the history whatever they choose.
 */
export function ConflictView({ mine, theirs, merging, onKeepMine, onKeepTheirs, onMerge, onDone }: Props) {
  const blocks = sentenceDiff(comparableText(theirs), comparableText(mine));
  const who = theirs.savedBy ?? "Someone";
  return (
    <section aria-labelledby="conflict-heading" className="rounded border-2 border-warn p-4" data-testid="conflict-view">
      <h2 id="conflict-heading" className="text-lg font-bold">
        {merging ? "Merging by hand" : `${who} saved a newer version (${theirs.savedAtLabel})`}
      </h2>
      <p className="mt-1 text-sm">
        {merging
          ? "The editor now holds the newer version. Copy what you need from your version below, then save. Both versions stay in the history."
          : "Nothing was overwritten, and both versions are kept in the history. Choose what to keep."}
      </p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <div>
          <h3 className="font-semibold">Your version</h3>
          <div className="prose-story mt-1 max-h-72 overflow-y-auto whitespace-pre-wrap rounded border border-rule p-3 text-base" data-testid="conflict-mine">
            {comparableText(mine)}
          </div>
        </div>
        <div>
          <h3 className="font-semibold">{who}’s version</h3>
          <div className="prose-story mt-1 max-h-72 overflow-y-auto whitespace-pre-wrap rounded border border-rule p-3 text-base" data-testid="conflict-theirs">
            {comparableText(theirs)}
          </div>
        </div>
      </div>
      <h3 className="mt-4 font-semibold">Differences, sentence by sentence (struck through: {who}’s; underlined: yours; changed words marked)</h3>
      <SentenceDiffView blocks={blocks} label="Differences between the two versions" />
      <div className="mt-4 flex flex-wrap gap-2">
        {merging ? (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            Close comparison
          </button>
        ) : (
          <>
            <button type="button" className={buttonClass} onClick={onKeepMine}>
              Keep mine
            </button>
            <button type="button" className={secondaryButtonClass} onClick={onKeepTheirs}>
              Keep theirs
            </button>
            <button type="button" className={secondaryButtonClass} onClick={onMerge}>
              Merge by hand
            </button>
          </>
        )}
      </div>
    </section>
  );
}

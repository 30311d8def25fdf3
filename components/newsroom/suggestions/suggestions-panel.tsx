"use client";
import type { Editor } from "@tiptap/react";
import { FormMessage, secondaryButtonClass } from "@/components/ui/field";
import type { SuggestionSummary } from "@/lib/editor/suggestions";
import type { Decide } from "./use-suggestions";

const q = (s: string) => `“${s.trim()}”`;

/** "Replace “Friday” with “Saturday”", "Make “Aleppo fell” a subheading": what a suggestion does, in words. */
export function describeSuggestion(s: SuggestionSummary): string {
  if (s.block) {
    const what = s.block.text ? ` ${q(s.block.text)}` : "";
    if (s.kind === "insert") return `Insert a ${s.block.name}${what}`;
    if (s.kind === "delete") return `Remove the ${s.block.name}${what}`;
    // Several blocks made one kind (a whole list taken out of the list): "Make “…” paragraphs".
    return s.block.count && s.block.count > 1 ? `Make${what || " blocks"} ${s.block.name}s` : `Make${what || " a block"} a ${s.block.name}`;
  }
  if (s.kind === "replace") return `Replace ${q(s.deleted)} with ${q(s.inserted)}`;
  if (s.kind === "insert") return s.inserted.trim() ? `Insert ${q(s.inserted)}` : "Insert a paragraph break";
  if (s.kind === "delete") return s.deleted.trim() ? `Delete ${q(s.deleted)}` : "Delete a paragraph break";
  return "Change the formatting";
}

type Props = {
  suggestions: SuggestionSummary[];
  canDecide: boolean;
  canSuggest?: boolean;
  decide: Decide;
  pending: boolean;
  note: { ok: boolean; message: string } | null;
  editor: Editor | null;
  formatTime: (iso: string) => string;
};

function Decisions({ s, decide, pending }: { s: SuggestionSummary; decide: Decide; pending: boolean }) {
  const what = `${describeSuggestion(s)}${s.author.name ? `, by ${s.author.name}` : ""}`;
  return (
    <div className="flex gap-2">
      <button type="button" disabled={pending} onClick={() => void decide(s.id, "accept")} aria-label={`Accept: ${what}`} className={secondaryButtonClass}>
        Accept
      </button>
      <button type="button" disabled={pending} onClick={() => void decide(s.id, "reject")} aria-label={`Reject: ${what}`} className={secondaryButtonClass}>
        Reject
      </button>
    </div>
  );
}

/** Who suggested what and when, one line. */
function Byline({ s, formatTime }: { s: SuggestionSummary; formatTime: (iso: string) => string }) {
  return (
    <p className="text-sm text-muted">
      {s.author.name ?? "Someone"}
      {s.createdAt && (
        <>
          {" · "}
          <time dateTime={s.createdAt}>{formatTime(s.createdAt)}</time>
        </>
      )}
    </p>
  );
}

/** The suggested edits beside the comments: each with Accept and Reject, and all at once. */
export function SuggestionsPanel({ suggestions, canDecide, canSuggest, decide, pending, note, editor, formatTime }: Props) {
  return (
    <section aria-labelledby="suggestions-heading" className="h-fit rounded border border-rule bg-panel p-4" data-testid="suggestions">
      <h2 id="suggestions-heading" className="font-bold">
        Suggestions{suggestions.length > 0 ? ` (${suggestions.length})` : ""}
      </h2>
      {suggestions.length === 0 ? (
        <p className="mt-2 text-sm text-muted">No open suggestions.{canSuggest ? " Switch the editor to Suggesting to propose changes." : ""}</p>
      ) : (
        <>
          {canDecide && suggestions.length > 1 && (
            <div className="mt-3 flex gap-2">
              <button type="button" disabled={pending} onClick={() => void decide("all", "accept")} className={secondaryButtonClass}>
                Accept all
              </button>
              <button type="button" disabled={pending} onClick={() => void decide("all", "reject")} className={secondaryButtonClass}>
                Reject all
              </button>
            </div>
          )}
          <ol className="mt-3 flex flex-col gap-3">
            {suggestions.map((s) => (
              <li key={s.id} className="rounded border border-rule bg-paper p-2" data-suggestion-id={s.id}>
                <p className="font-semibold">{describeSuggestion(s)}</p>
                <Byline s={s} formatTime={formatTime} />
                <div className="mt-2 flex flex-wrap gap-2">
                  {editor && (
                    <button type="button" onClick={() => editor.chain().focus().selectSuggestion(s.id).run()} className="text-sm underline">
                      Show in the text
                    </button>
                  )}
                  {canDecide && <Decisions s={s} decide={decide} pending={pending} />}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
      {note && <FormMessage ok={note.ok} message={note.message} />}
    </section>
  );
}

/** Why the reviewer's last change was not made while Suggesting (it could not be a suggestion), beside the editor. */
export function SuggestionRefusal({ reason }: { reason: string | null }) {
  return (
    <div role="alert" data-testid="suggestion-refused">
      {reason && <p className="rounded border-2 border-danger bg-panel p-2 text-sm font-semibold">{reason}</p>}
    </div>
  );
}

/** The suggestion at the caret, explained for keyboard and screen-reader users (the mouse gets a tooltip). */
export function SuggestionAtCaret({ suggestion, canDecide, decide, pending, formatTime }: { suggestion: SuggestionSummary | null } & Omit<Props, "suggestions" | "note" | "editor" | "canSuggest">) {
  return (
    <div role="status" aria-live="polite" data-testid="suggestion-at-caret">
      {suggestion && (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded border border-rule bg-panel p-2">
          <div>
            <p className="text-sm font-semibold">Suggestion: {describeSuggestion(suggestion)}</p>
            <Byline s={suggestion} formatTime={formatTime} />
          </div>
          {canDecide && <Decisions s={suggestion} decide={decide} pending={pending} />}
        </div>
      )}
    </div>
  );
}

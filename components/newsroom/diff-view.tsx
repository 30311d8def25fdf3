import type { DiffSegment, SentenceBlock } from "@/lib/domain/diff";

/** Word-level differences: removed words struck through, added words underlined and tinted. */
export function DiffView({ segments, label }: { segments: DiffSegment[]; label: string }) {
  return (
    <div aria-label={label} className="prose-story whitespace-pre-wrap rounded border border-rule p-3 text-base" data-testid="diff">
      {segments.map((s, i) =>
        s.kind === "same" ? (
          <span key={i}>{s.text}</span>
        ) : s.kind === "added" ? (
          <ins key={i} className="diff-added">
            {s.text}
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            {s.text}
          </del>
        ),
      )}
    </div>
  );
}

/**
 * Differences by sentence: a changed sentence appears twice, the old one (struck through, on
 * red) above the new one (underlined, on green), and inside each the words that changed are
 * marked more strongly. Unchanged sentences read as plain text.
 */
export function SentenceDiffView({ blocks, label }: { blocks: SentenceBlock[]; label: string }) {
  const words = (segments: DiffSegment[], changed: "added" | "removed") =>
    segments.map((s, i) =>
      s.kind === changed ? (
        <strong key={i} className={`diff-word-${changed}`}>
          {s.text}
        </strong>
      ) : (
        <span key={i}>{s.text}</span>
      ),
    );
  return (
    <div aria-label={label} role="group" className="prose-story whitespace-pre-wrap rounded border border-rule p-3 text-base" data-testid="diff">
      {blocks.map((b, i) =>
        b.kind === "same" ? (
          <span key={i}>{b.text}</span>
        ) : b.kind === "changed" ? (
          <span key={i} className="my-1 block border-l-4 border-warn pl-2" data-testid="diff-changed">
            <del className="diff-removed block">{words(b.before, "removed")}</del>
            <ins className="diff-added block">{words(b.after, "added")}</ins>
          </span>
        ) : b.kind === "added" ? (
          <ins key={i} className="diff-added">
            {b.text}
          </ins>
        ) : (
          <del key={i} className="diff-removed">
            {b.text}
          </del>
        ),
      )}
    </div>
  );
}

import type { DiffSegment } from "@/lib/domain/diff";

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

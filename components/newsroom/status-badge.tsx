import { type ArticleStatus, STATUS_LABELS } from "@/lib/domain/workflow";

const TONES: Record<ArticleStatus, string> = {
  DRAFT: "border-muted text-muted",
  SUBMITTED: "border-warn text-warn",
  CHANGES_REQUESTED: "border-danger text-danger",
  APPROVED: "border-ok text-ok",
  SCHEDULED: "border-ok text-ok",
  PUBLISHED: "border-ink text-ink",
  UNPUBLISHED: "border-muted text-muted",
};

export function StatusBadge({ status }: { status: ArticleStatus }) {
  return <span data-testid="status-badge" className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${TONES[status]}`}>{STATUS_LABELS[status]}</span>;
}

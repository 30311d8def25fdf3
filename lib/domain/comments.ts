/** Editorial comments: anchoring and the approval rule. PURE. */

import { resolveAnchor, type TextAnchor } from "./anchors";

export type AnchorState = "anchored" | "deleted" | "general";

/**
 * Where a comment points in the story's anchor text: at a passage still there, at text that was
 * deleted, or (no quote) at the whole story.
 */
export function anchorState(comment: { quote: string | null; anchor: TextAnchor | null }, text: string): AnchorState {
  if (comment.anchor && resolveAnchor(comment.anchor, text)) return "anchored";
  return comment.quote || comment.anchor ? "deleted" : "general";
}

/** Required changes still open: the story cannot be approved while this is above zero. */
export function openRequiredCount(comments: readonly { kind: "COACHING" | "REQUIRED"; resolvedAt: Date | string | null; parentId: string | null }[]): number {
  return comments.filter((c) => c.parentId === null && c.kind === "REQUIRED" && c.resolvedAt === null).length;
}

/** A comment thread as the newsroom shows it. */
export type CommentDto = {
  id: string;
  parentId: string | null;
  kind: "COACHING" | "REQUIRED";
  body: string;
  quote: string | null;
  anchor: AnchorState;
  /** The stored selectors (top-level threads with a passage), for the editor to re-find the passage. */
  selector: TextAnchor | null;
  author: string;
  authorRole: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  replies: CommentDto[];
};

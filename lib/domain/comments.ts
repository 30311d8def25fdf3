/** Editorial comments: anchoring and the approval rule. PURE. */

type JsonNode = { type?: string; text?: string; marks?: { type: string; attrs?: Record<string, unknown> }[]; content?: JsonNode[] };

/** The quoted text of every comment anchor still in the document, by comment id. */
export function anchorsInDoc(doc: JsonNode): Map<string, string> {
  const anchors = new Map<string, string>();
  const walk = (node: JsonNode) => {
    for (const mark of node.marks ?? []) {
      const id = mark.type === "comment" ? mark.attrs?.commentId : undefined;
      if (typeof id === "string" && id) anchors.set(id, (anchors.get(id) ?? "") + (node.text ?? ""));
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return anchors;
}

export type AnchorState = { state: "anchored"; text: string } | { state: "deleted" } | { state: "general" };

/** Where a comment points now: at live text, at text that was deleted, or at the whole story. */
export function anchorState(comment: { id: string; quote: string | null }, anchors: Map<string, string>): AnchorState {
  const text = anchors.get(comment.id);
  if (text !== undefined && text.length > 0) return { state: "anchored", text };
  return comment.quote ? { state: "deleted" } : { state: "general" };
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
  anchor: "anchored" | "deleted" | "general";
  author: string;
  authorRole: string;
  resolved: boolean;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
  replies: CommentDto[];
};

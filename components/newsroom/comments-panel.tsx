"use client";
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useEffect, useState } from "react";
import { buttonClass, FormMessage, inputClass, secondaryButtonClass } from "@/components/ui/field";
import { api, type ApiError } from "@/lib/api-client";
import type { AnchorState, CommentDto } from "@/lib/domain/comments";
import { addCommentAnchor, anchorRanges, anchorsPlaced, placeCommentAnchors, removeCommentAnchor, selectionAnchor } from "@/lib/editor/comment-anchors";

export type CommentsPanelProps = {
  articleId: string;
  initial: CommentDto[];
  editor: Editor | null;
  /** The user can select text in the story, so a new comment can be anchored to it. */
  canAnchor: boolean;
  canRequire: boolean;
  canResolveCoaching: boolean;
  canResolveRequired: boolean;
};

function newCommentId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** The server's message, or ours when no API answer came back (the text stays in the box either way). */
function failure(error: ApiError): string {
  return error.code === "NETWORK" || error.code === "BAD_RESPONSE" ? "Could not reach the server. Your comment is still in the box; try again." : error.message;
}

/**
 * Editorial comments, the teaching loop: coaching (advice) or a required change. Required changes
 * block approval until a reviewer resolves them.
 */
export function CommentsPanel({ articleId, initial, editor, canAnchor, canRequire, canResolveCoaching, canResolveRequired }: CommentsPanelProps) {
  const [comments, setComments] = useState(initial);
  const [body, setBody] = useState("");
  const [kind, setKind] = useState<"COACHING" | "REQUIRED">("COACHING");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const selection = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e) return "";
      const { from, to } = e.state.selection;
      return from === to ? "" : e.state.doc.textBetween(from, to, " ");
    },
  });
  const quote = canAnchor ? (selection ?? "") : "";
  // The passages shown in the editor: decorations beside the text, never marks in it, so
  // commenting is no edit. Placed from the stored selectors once the editor exists.
  useEffect(() => {
    if (editor) placeCommentAnchors(editor, initial.filter((c) => !c.resolved));
    // Only when the editor is (re)created: afterwards the decorations follow the edits themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  const shown = useEditorState({ editor, selector: ({ editor: e }) => (e && anchorsPlaced(e.state) ? [...anchorRanges(e.state).keys()].sort().join(" ") : null) });
  /** What the thread points at now: the editor knows best once it has placed the anchors. */
  const anchorOf = (c: CommentDto): AnchorState => {
    if (shown === null || shown === undefined || c.resolved) return c.anchor;
    if (shown.split(" ").includes(c.id)) return "anchored";
    return c.quote || c.selector ? "deleted" : "general";
  };

  async function add() {
    setPending(true);
    setError(undefined);
    const id = newCommentId();
    const passage = canAnchor && editor ? selectionAnchor(editor) : null;
    const anchor = passage ? { exact: passage.exact, prefix: passage.prefix, suffix: passage.suffix, start: passage.start, end: passage.end } : null;
    const result = await api.addComment(articleId, { id, body, kind, quote: passage ? quote || passage.exact : null, anchor });
    setPending(false);
    if (!result.ok) return setError(failure(result.error));
    // Show the passage at once, where the selection was (mapped since, if anyone typed meanwhile).
    if (passage && editor) addCommentAnchor(editor, id, passage);
    setComments(result.data);
    setBody("");
  }

  async function resolve(commentId: string, resolved: boolean) {
    const result = await api.resolveComment(articleId, commentId, resolved);
    if (!result.ok) return setError(failure(result.error));
    setComments(result.data);
    // A resolved thread's passage is no longer highlighted; a reopened one is found again.
    if (!editor) return;
    if (resolved) removeCommentAnchor(editor, commentId);
    else placeCommentAnchors(editor, result.data.filter((c) => c.id === commentId), { keep: true });
  }

  async function reply(parentId: string, text: string): Promise<boolean> {
    const result = await api.addComment(articleId, { body: text, kind: "COACHING", parentId });
    if (!result.ok) {
      setError(failure(result.error));
      return false;
    }
    setComments(result.data);
    return true;
  }

  const open = comments.filter((c) => !c.resolved);
  const resolved = comments.filter((c) => c.resolved);
  return (
    <section aria-labelledby="comments-heading" className="rounded border border-rule p-4">
      <h2 id="comments-heading" className="font-bold">
        Comments <span className="font-normal text-muted">({open.length} open)</span>
      </h2>
      <div className="mt-3 flex flex-col gap-2">
        <p className="text-sm text-muted" data-testid="comment-quote">
          {quote ? <>On “{quote.length > 80 ? `${quote.slice(0, 80)}…` : quote}”</> : canAnchor ? "Select text in the story to comment on it, or comment on the whole story." : "Comment on the whole story."}
        </p>
        <label htmlFor="comment-body" className="text-sm font-semibold">
          New comment
        </label>
        <textarea id="comment-body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} className={inputClass} />
        {canRequire && (
          <fieldset className="flex flex-wrap gap-4 text-sm">
            <legend className="sr-only">Kind of comment</legend>
            <label className="flex items-center gap-1">
              <input type="radio" name="comment-kind" checked={kind === "COACHING"} onChange={() => setKind("COACHING")} /> Coaching
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="comment-kind" checked={kind === "REQUIRED"} onChange={() => setKind("REQUIRED")} /> Required change
            </label>
          </fieldset>
        )}
        <FormMessage ok={false} message={error} />
        <button type="button" className={buttonClass} disabled={pending || body.trim().length === 0} onClick={add}>
          Add comment
        </button>
      </div>
      <ol className="mt-4 flex flex-col gap-3" aria-label="Open comments">
        {open.map((c) => (
          <Thread key={c.id} comment={c} anchor={anchorOf(c)} onResolve={resolve} onReply={reply} canResolve={c.kind === "REQUIRED" ? canResolveRequired : canResolveCoaching} />
        ))}
      </ol>
      {resolved.length > 0 && (
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-semibold">{resolved.length} resolved</summary>
          <ol className="mt-2 flex flex-col gap-3" aria-label="Resolved comments">
            {resolved.map((c) => (
              <Thread key={c.id} comment={c} anchor={anchorOf(c)} onResolve={resolve} onReply={reply} canResolve={c.kind === "REQUIRED" ? canResolveRequired : canResolveCoaching} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function Thread({
  comment: c,
  anchor,
  canResolve,
  onResolve,
  onReply,
}: {
  comment: CommentDto;
  anchor: AnchorState;
  canResolve: boolean;
  onResolve: (id: string, resolved: boolean) => Promise<void>;
  onReply: (id: string, text: string) => Promise<boolean>;
}) {
  const [reply, setReply] = useState("");
  const focusAnchor = () => document.querySelector(`[data-comment-id="${c.id}"]`)?.scrollIntoView({ block: "center", behavior: "smooth" });
  return (
    <li className={`rounded border p-3 text-sm ${c.kind === "REQUIRED" && !c.resolved ? "border-danger" : "border-rule"}`} data-testid="comment-thread">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 text-xs font-bold ${c.kind === "REQUIRED" ? "bg-danger text-paper" : "bg-panel"}`}>
          {c.kind === "REQUIRED" ? "Required change" : "Coaching"}
        </span>
        <span className="font-semibold">{c.author}</span>
        {c.resolved && <span className="text-muted">Resolved by {c.resolvedBy}</span>}
      </p>
      {c.quote && anchor === "anchored" && (
        <button type="button" onClick={focusAnchor} className="mt-1 block text-left italic underline">
          “{c.quote}”
        </button>
      )}
      {c.quote && anchor === "deleted" && <p className="mt-1 italic text-muted">On deleted text: “{c.quote}”</p>}
      <p className="mt-1 whitespace-pre-line">{c.body}</p>
      {c.replies.map((r) => (
        <div key={r.id} className="mt-2 border-l-2 border-rule pl-2">
          <p className="font-semibold">{r.author}</p>
          <p className="whitespace-pre-line">{r.body}</p>
        </div>
      ))}
      {/* The reply box takes the thread's full width; its buttons go under it (a narrow column squashed it). */}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="sr-only" htmlFor={`reply-${c.id}`}>
          Reply to {c.author}
        </label>
        <textarea id={`reply-${c.id}`} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} placeholder="Reply…" className={`${inputClass} basis-full`} />
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={reply.trim().length === 0}
          onClick={async () => {
            if (await onReply(c.id, reply)) setReply("");
          }}
        >
          Reply
        </button>
        {canResolve && (
          <button type="button" className={secondaryButtonClass} onClick={() => onResolve(c.id, !c.resolved)}>
            {c.resolved ? "Reopen" : "Resolve"}
          </button>
        )}
      </div>
    </li>
  );
}

/**
 * Anchors an editorial comment to a passage of the story. The mark travels with its text as the
 * story is edited; when the passage is deleted the mark goes with it and the comment shows as
 * "on deleted text". Several comments may overlap, so the mark excludes nothing. The public
 * renderer's allowlist has no <span>, so anchors never reach readers.
 */
import { Mark, mergeAttributes } from "@tiptap/core";

export const CommentMark = Mark.create({
  name: "comment",
  inclusive: false,
  excludes: "",
  addAttributes() {
    return {
      commentId: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-comment-id"),
        renderHTML: (attrs) => (attrs.commentId ? { "data-comment-id": attrs.commentId } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[data-comment-id]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes({ class: "comment-anchor" }, HTMLAttributes), 0];
  },
});

import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { factsOf, findArticleForActor } from "@/lib/data/articles";
import { anchorData } from "@/lib/data/comments";
import { storyPeople } from "@/lib/data/notifications";
import { anchorForQuote, anchorText, reanchor } from "@/lib/domain/anchors";
import { AppError } from "@/lib/errors";
import { ZCommentCreate } from "@/lib/validation/comment";
import { parseInput } from "@/lib/validation/parse";
import type { Notice } from "../effects";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Comment on a story (anyone who may comment on it), or reply to a thread (a reply always
 * coaches). Only a reviewer makes a change *required*, and the story's people are told of it.
 *
 * The anchor is stored on the comment, never in the story: commenting does not touch the
 * article row, so it changes neither the body nor the version and cannot conflict with a save.
 */
export async function createComment({ actor, articleId, input: raw, tx }: UseCaseArgs<z.input<typeof ZCommentCreate>> & { articleId: string }) {
  const input = parseInput(ZCommentCreate, raw);
  return inTransaction(tx, async (tx) => {
    const article = await findArticleForActor({ id: articleId, actor, tx });
    if (!can(actor, "comment", factsOf(article))) throw new AppError("FORBIDDEN", "You may not comment on this story.");
    let kind = input.kind;
    if (input.parentId) {
      const parent = await tx.comment.findFirst({ where: { id: input.parentId, articleId, parentId: null }, select: { id: true } });
      if (!parent) throw new AppError("VALIDATION", "That thread does not exist.", { fields: { parentId: "That thread does not exist." } });
      kind = "COACHING";
    }
    if (kind === "REQUIRED" && !can(actor, "resolve_required", factsOf(article))) {
      throw new AppError("FORBIDDEN", "Only a reviewer can mark a change as required.", { fields: { kind: "Only a reviewer can mark a change as required." } });
    }
    // The editor's selectors, or (an API client that sent only a quote) the quote's first
    // occurrence in the saved text. A reply has no passage of its own.
    // The editor may show an older text than the saved one (someone saved since it loaded), so
    // its selectors are re-found in the saved text, and kept as sent when not found there.
    const quote = input.parentId ? null : input.quote || input.anchor?.exact || null;
    const saved = quote ? anchorText(JSON.parse(article.draftBodyJson ?? article.bodyJson)).text : "";
    const anchor = !quote ? null : input.anchor ? (reanchor(input.anchor, saved) ?? input.anchor) : anchorForQuote(saved, quote);
    // The editor proposes the id (96 random bits), so it can show the anchor before the
    // server answers. A proposal already in use anywhere is dropped for a fresh id rather than
    // refused: "taken" would tell anyone whether an id exists on a story they cannot see.
    const taken = input.id ? await tx.comment.findUnique({ where: { id: input.id }, select: { id: true } }) : null;
    const id = input.id && !taken ? input.id : `c${randomBytes(12).toString("hex")}`;
    const row = await tx.comment.create({
      data: { id, articleId, authorId: actor.userId, parentId: input.parentId ?? null, kind, body: input.body, quote, ...(anchor ? anchorData(anchor) : {}) },
      select: { id: true },
    });
    const notify: Notice[] =
      kind === "REQUIRED"
        ? [
            {
              userIds: await storyPeople(tx, articleId),
              kind: "required_change",
              // Who asked, and the start of what they asked (lib/data/notifications.ts).
              title: `${(await tx.user.findUnique({ where: { id: actor.userId }, select: { person: { select: { fullName: true } } } }))?.person.fullName ?? "A reviewer"} marked a required change on “${article.headline}”`,
              excerpt: input.body.replace(/\s+/g, " ").slice(0, 160),
              link: `/newsroom/articles/${articleId}`,
              exceptUserId: actor.userId,
            },
          ]
        : [];
    return outcome(row, { notify });
  });
}

import "server-only";
import type { JSONContent } from "@tiptap/core";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { articleInclude, factsOf, findArticleForActor, recordRevision, toEditorArticleDto } from "@/lib/data/articles";
import { getPublication } from "@/lib/data/publication";
import { SUGGESTION_ACTIONS, suggestionHistoryLine } from "@/lib/domain/suggestions";
import { keepsLiveText } from "@/lib/domain/workflow";
import { currentLeadImage, currentText, type LiveText } from "@/lib/domain/working-copy";
import { editorHtmlFromJson, renderBodyFromJson } from "@/lib/editor/render";
import { decideSuggestionInDoc, listSuggestions, type SuggestionSummary } from "@/lib/editor/suggestions";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSuggestionDecision } from "@/lib/validation/suggestion";
import type { AuditEvent } from "@/lib/data/audit";
import { workingCopyOverlay, writeWorkingCopyBeside } from "../articles/change-working-copy";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/** Tries when another save lands between our read and our write (the decision is re-applied to the newer text). */
const ATTEMPTS = 3;
class Raced extends Error {}

/**
 * Accept or reject one suggested edit (or `all` of them) in the text the editor edits, on the
 * server: the package's own accept/reject over the story's JSON, then saved like an edit (version
 * bumped by a compare-and-swap, a revision), with a history line and an audit entry per
 * suggestion: "Hana Park accepted a suggestion by Minji Kim: …". A PUBLISHED or SCHEDULED story's
 * suggestions live in its working copy (working copy ?? live text): the decision goes there, and
 * the live text, the search index and the reader site wait for publish_changes. Any other story's
 * decision goes to its only text. The story's writers and any reviewer may decide (`decide_suggestion`).
 */
export async function decideSuggestion({ actor, articleId, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZSuggestionDecision>> & { articleId: string }) {
  const input = parseInput(ZSuggestionDecision, raw);
  for (let attempt = 1; ; attempt++) {
    try {
      return await decideOnce({ actor, articleId, input, tx, now });
    } catch (error) {
      if (!(error instanceof Raced) || attempt >= ATTEMPTS) {
        if (error instanceof Raced) throw new AppError("CONFLICT", "The story kept changing while the suggestion was being applied. Try again.");
        throw error;
      }
    }
  }
}

async function decideOnce({ actor, articleId, input, tx, now }: UseCaseArgs<z.output<typeof ZSuggestionDecision>> & { articleId: string; now: Date }) {
  const before = await findArticleForActor({ id: articleId, actor, tx });
  if (!can(actor, "decide_suggestion", factsOf(before))) throw new AppError("FORBIDDEN", "Only the story's writers or a reviewer can accept or reject suggestions.");
  // The decision and the rendering are CPU work: done before the transaction, on the version read.
  let json = JSON.parse(currentText(before).bodyJson) as JSONContent;
  const open = listSuggestions(json);
  const decided: SuggestionSummary[] = input.suggestionId === "all" ? open : open.filter((s) => s.id === input.suggestionId);
  if (decided.length === 0) throw notFound(input.suggestionId === "all" ? "An open suggestion" : "That suggestion");
  for (const s of decided) json = decideSuggestionInDoc(json, s.id, input.decision) ?? json;
  const body = renderBodyFromJson(json);
  return inTransaction(tx, async (tx) => {
    const current = await findArticleForActor({ id: articleId, actor, tx });
    if (current.version !== before.version) throw new Raced();
    const next: LiveText = { ...currentText(current), bodyJson: JSON.stringify(body.json), bodyHtml: body.html, bodyText: body.text, wordCount: body.wordCount };
    const overlay = keepsLiveText(current.status) ? workingCopyOverlay(current, next, now) : null;
    const swapped = await tx.article.updateMany({
      where: { id: articleId, version: before.version },
      data: { ...(overlay ? overlay.data : next), version: { increment: 1 } },
    });
    if (swapped.count === 0) throw new Raced();
    if (overlay) await writeWorkingCopyBeside(tx, articleId, overlay.keep);
    const updated = await tx.article.findUniqueOrThrow({ where: { id: articleId }, include: articleInclude });
    const action = SUGGESTION_ACTIONS[input.decision];
    // The history keeps what was written: for a live story, its working copy.
    await recordRevision(tx, { article: { id: articleId, version: updated.version, ...currentText(updated), ...currentLeadImage(updated) }, authorId: actor.userId, event: action, now });
    // Names from the accounts, not from the marks (which travel with the text).
    const ids = [...new Set([actor.userId, ...decided.map((s) => s.author.id).filter((v): v is string => !!v)])];
    const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, person: { select: { fullName: true } } } });
    const nameOf = (id: string | null) => users.find((u) => u.id === id)?.person.fullName ?? null;
    const decider = nameOf(actor.userId) ?? "Someone";
    const audit: AuditEvent[] = [];
    for (const s of decided) {
      const suggester = nameOf(s.author.id) ?? s.author.name;
      const note = suggestionHistoryLine({ decider, decision: input.decision, suggester, text: s.text });
      await tx.transition.create({ data: { articleId, actorId: actor.userId, action, fromStatus: current.status, toStatus: current.status, note, createdAt: now } });
      audit.push({
        kind: input.decision === "accept" ? "suggestion.accept" : "suggestion.reject",
        actorId: actor.userId,
        subject: articleId,
        details: { headline: current.headline, suggestionId: s.id, kind: s.kind, inserted: s.inserted, deleted: s.deleted, suggestedBy: s.author.id, note },
        at: now,
      });
    }
    const data = {
      article: toEditorArticleDto(updated, await getPublication(tx)),
      decided: decided.map((s) => s.id),
      suggestions: listSuggestions(body.json),
      /** The text as the editor loads it (with the suggestions still open). */
      editorBody: editorHtmlFromJson(currentText(updated).bodyJson),
    };
    // A public story's decision waits in its working copy: the reader site and the search index
    // (the live text only) change with publish_changes, not here.
    return outcome(data, { audit });
  });
}

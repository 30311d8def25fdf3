import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { slugify, uniqueSlug } from "@/lib/domain/slug";
import { AppError, notFound } from "@/lib/errors";
import { ZIssue } from "@/lib/validation/issues";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Plan an issue of a volume: editors and advisers (`plan_issues`), 404 for anyone else. Its
 * number is unique in the volume; its address is "volume-<n>-issue-<m>".
 */
export async function createIssue({ actor, input: raw, tx, now = new Date() }: UseCaseArgs<z.input<typeof ZIssue>>) {
  if (!can(actor, "plan_issues")) throw notFound("This page");
  const input = parseInput(ZIssue, raw);
  return inTransaction(tx, async (tx) => {
    const volume = await tx.volume.findUnique({ where: { id: input.volumeId }, select: { number: true } });
    if (!volume) throw new AppError("VALIDATION", "Choose a volume.", { fields: { volumeId: "Choose a volume." } });
    if (await tx.issue.findUnique({ where: { volumeId_number: { volumeId: input.volumeId, number: input.number } }, select: { id: true } })) {
      throw new AppError("VALIDATION", "That issue number is taken in this volume.", { fields: { number: "That issue number is taken in this volume." } });
    }
    const base = slugify(`volume ${volume.number} issue ${input.number}`);
    const taken = new Set((await tx.issue.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((i) => i.slug));
    const issue = await tx.issue.create({ data: { ...input, slug: uniqueSlug(base, taken) } });
    return outcome(issue, {
      // The issue archive lists published issues.
      readerSiteChanged: true,
      audit: [{ kind: "issue.create", actorId: actor.userId, subject: issue.id, details: { volume: volume.number, number: issue.number, title: issue.title }, at: now }],
    });
  });
}

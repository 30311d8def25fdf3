import "server-only";
import type { z } from "zod";
import { can } from "@/lib/auth/policy";
import { findMediaForActor, findPublishedArticlesUsingMedia } from "@/lib/data/media";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation/parse";
import { type TMedia, ZMediaUpdate } from "@/lib/validation/media";
import { inTransaction, outcome, type Outcome, type UseCaseArgs } from "../transaction";

/**
 * Change an image's alt text, caption or credit: 404 for no such image, 403 unless the policy
 * lets the actor edit it (its uploader, or an editor). Public stories showing it pick it up.
 */
export async function updateMedia({ actor, id, input: raw, tx }: UseCaseArgs<z.input<typeof ZMediaUpdate>> & { id: string }): Promise<Outcome<TMedia>> {
  const input = parseInput(ZMediaUpdate, raw);
  return inTransaction(tx, async (tx) => {
    const current = await tx.media.findUnique({ where: { id }, select: { uploadedById: true } });
    if (!current) throw notFound("That image");
    if (!can(actor, "edit_media", current)) {
      throw new AppError("FORBIDDEN", "Only the person who uploaded this image, or an editor, can change its details.");
    }
    const data: Prisma.MediaUpdateManyMutationInput = {};
    if (input.alt !== undefined) data.alt = input.alt;
    if (input.caption !== undefined) data.caption = input.caption;
    if (input.credit !== undefined) data.credit = input.credit;
    // The uploader the permission was checked against is in the where clause too.
    const updated = await tx.media.updateMany({ where: { id, uploadedById: current.uploadedById }, data });
    if (updated.count === 0) throw notFound("That image");
    const shownIn = await findPublishedArticlesUsingMedia({ mediaId: id, tx });
    return outcome(await findMediaForActor({ actor, id, tx }), { readerSiteChanged: shownIn.length > 0 });
  });
}

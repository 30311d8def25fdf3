import "server-only";
import type { z } from "zod";
import { prepareArticle } from "@/lib/data/articles";
import { ZArticleCreate } from "@/lib/validation/article";
import { parseInput } from "@/lib/validation/parse";
import { inTransaction, outcome, type UseCaseArgs } from "../transaction";

/**
 * Start a story as a DRAFT at version 1, the creator its first byline (any staff member). The
 * body is rendered before the transaction opens; the row, its tags and its "create" revision
 * are one write. A draft is not on the reader site, so only the newsroom's views refresh.
 * `slug` asks for an address other than the headline's (the demo keeps its stories' addresses).
 */
export async function createArticle({ actor, input: raw, tx, now, slug }: UseCaseArgs<z.input<typeof ZArticleCreate>> & { slug?: string }) {
  const input = parseInput(ZArticleCreate, raw);
  // The permission check, the rendering and the reads (lib/data/articles.ts prepareArticle).
  const prepared = await prepareArticle({ actor, input, tx, now, slug });
  return inTransaction(tx, async (tx) => outcome(await prepared.insert(tx)));
}

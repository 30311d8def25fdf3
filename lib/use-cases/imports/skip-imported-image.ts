import "server-only";
import { claimStagedImage, finishImportIfDecided } from "@/lib/data/staged-imports";
import { AppError } from "@/lib/errors";
import { inTransaction, outcome, type Outcome, type UseCaseArgs } from "../transaction";
import { GONE, ownImport } from "./staged-import";

/** Skip a staged photo: its renditions are deleted and it never enters the library. */
export async function skipImportedImage({
  actor,
  input: { importId, key },
  tx,
  now,
}: UseCaseArgs<{ importId: string; key: string }>): Promise<Outcome<{ importId: string; key: string }>> {
  await ownImport({ actor, importId, now });
  return inTransaction(tx, async (tx) => {
    if (!(await claimStagedImage(tx, { importId, key, userId: actor.userId }))) throw new AppError("NOT_FOUND", GONE);
    await finishImportIfDecided(tx, { importId });
    return outcome({ importId, key });
  });
}

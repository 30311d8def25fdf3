import "server-only";
import { AppError } from "@/lib/errors";
import { discardStagedImage, finishImportIfDecided, importsRoot } from "@/lib/media/staging";
import { outcome, type Outcome, type UseCaseArgs } from "../transaction";
import { GONE, ownImport, type Roots } from "./staged-import";

/** Skip a staged photo: its files are removed and it never enters the library (no row changes). */
export async function skipImportedImage({
  actor,
  input: { importId, key },
  roots = {},
}: UseCaseArgs<{ importId: string; key: string }> & { roots?: Roots }): Promise<Outcome<{ importId: string; key: string }>> {
  const root = roots.imports ?? importsRoot();
  const manifest = await ownImport({ actor, importId, root });
  if (!Object.hasOwn(manifest.images, key) || !(await discardStagedImage({ root, importId, key }))) throw new AppError("NOT_FOUND", GONE);
  await finishImportIfDecided({ root, importId, manifest });
  return outcome({ importId, key });
}

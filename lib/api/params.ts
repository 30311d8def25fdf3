import "server-only";
import { notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/article";

/** A path id, or 404: a malformed id is just a record that does not exist. */
export function parseId(raw: string | undefined, what?: string): string {
  const parsed = ZId.safeParse(raw);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

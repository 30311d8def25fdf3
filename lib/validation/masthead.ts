import { z } from "zod";
import { normalizePosition } from "@/lib/domain/masthead";
import { ZId } from "./article";

/** A volume's masthead (issue 6): who held which position that school year. */

export const ZPosition = z
  .string({ error: "Name the position, e.g. “Editor-in-Chief”." })
  .transform(normalizePosition)
  .pipe(z.string().min(1, "Name the position, e.g. “Editor-in-Chief”.").max(80, "Keep the position under 80 characters."));

export const ZMastheadAdd = z.object({
  volumeId: ZId,
  personId: z.string({ error: "Choose a person." }).trim().min(1, "Choose a person.").pipe(ZId),
  position: ZPosition,
});
export type TMastheadAdd = z.infer<typeof ZMastheadAdd>;

export const ZMastheadUpdate = z.object({ entryId: ZId, position: ZPosition });
export type TMastheadUpdate = z.infer<typeof ZMastheadUpdate>;

export const ZMastheadMove = z.object({ entryId: ZId, direction: z.enum(["up", "down"], { error: "Choose up or down." }) });
export type TMastheadMove = z.infer<typeof ZMastheadMove>;

export const ZMastheadEntryRef = z.object({ entryId: ZId });
export const ZMastheadVolumeRef = z.object({ volumeId: ZId });

/** A volume number in a public URL (/staff/volumes/13). */
export const ZVolumeNumber = z.coerce.number().int().min(1).max(100_000);

/** A volume's masthead as the public staff page shows it. */
export type PublicMastheadPerson = { key: string; name: string; detail: string | null; href: string | null };
export type PublicMasthead = {
  volume: { number: number; label: string } | null;
  /** The shown volume is the one /staff shows by default. */
  isCurrent: boolean;
  /** The shown volume has not started yet (a masthead planned ahead). */
  upcoming: boolean;
  /** The volume has no masthead entries, so today's staff is shown instead. */
  fallback: boolean;
  groups: { position: string; people: PublicMastheadPerson[] }[];
  /** Links to the other volumes' mastheads (the current one is /staff). */
  otherVolumes: { number: number; label: string; href: string; current: boolean }[];
};

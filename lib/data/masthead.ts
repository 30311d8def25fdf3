import "server-only";
import type { PublicMasthead, PublicMastheadPerson } from "@/lib/validation/masthead";
import { type Actor, can } from "@/lib/auth/policy";
import { bylineDetail, publicName } from "@/lib/domain/byline";
import { currentVolume, groupByPosition, volumeReferenceDate } from "@/lib/domain/masthead";
import { STATUS } from "@/lib/domain/workflow";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { listMasthead } from "./people";
import { getPublication } from "./publication";

/**
 * Each volume's masthead: who held which position that school year. Entries belong to a
 * Person (the public byline), never to an account, so deactivating a graduate's login leaves
 * every old masthead as it was. The edits are use cases in lib/use-cases/masthead.
 */

type Tx = Prisma.TransactionClient;

const PERSON_SELECT = {
  id: true,
  slug: true,
  fullName: true,
  penName: true,
  penNameApproved: true,
  nameDisplay: true,
  graduationYear: true,
  title: true,
  user: { select: { active: true } },
  _count: { select: { bylines: { where: { article: { status: STATUS.PUBLISHED } } } } },
} as const satisfies Prisma.PersonSelect;

function requireMastheadEditor(actor: Actor) {
  if (!can(actor, "manage_masthead")) throw notFound("This page");
}

/** Give the volume's entries ranks 0..n-1 in the order given. */
export async function writeRanks(tx: Tx, volumeId: string, orderedIds: readonly string[]) {
  for (const [rank, id] of orderedIds.entries()) await tx.mastheadEntry.updateMany({ where: { id, volumeId }, data: { rank } });
}

/** A volume's entries in rank order. */
export async function entriesInOrder(tx: Tx, volumeId: string) {
  return tx.mastheadEntry.findMany({ where: { volumeId }, orderBy: [{ rank: "asc" }, { id: "asc" }], select: { id: true, position: true, personId: true } });
}

/** One masthead entry with its volume and person, or NOT_FOUND. */
export async function findMastheadEntry(tx: Tx, entryId: string) {
  const entry = await tx.mastheadEntry.findUnique({ where: { id: entryId }, select: { id: true, volumeId: true, position: true, volume: { select: { number: true } }, person: { select: { fullName: true } } } });
  if (!entry) throw notFound("That masthead entry");
  return entry;
}

/** Everyone who can be put on a masthead, graduates included (an old volume may need them). */
export async function listMastheadCandidates({ actor }: { actor: Actor }) {
  requireMastheadEditor(actor);
  const rows = await db.person.findMany({ orderBy: { fullName: "asc" }, select: { id: true, fullName: true, user: { select: { active: true } } } });
  return rows.map((p) => ({ id: p.id, fullName: p.fullName, active: p.user?.active ?? false }));
}

/** How many people each volume's masthead lists, for the volumes page. */
export async function countMastheadEntries({ actor }: { actor: Actor }): Promise<Map<string, number>> {
  requireMastheadEditor(actor);
  const rows = await db.mastheadEntry.groupBy({ by: ["volumeId"], _count: { _all: true } });
  return new Map(rows.map((r) => [r.volumeId, r._count._all]));
}

/** A volume and its masthead in rank order, for the newsroom editor. */
export async function findVolumeMastheadForEditor({ actor, number }: { actor: Actor; number: number }) {
  requireMastheadEditor(actor);
  const [volume, pub] = await Promise.all([
    db.volume.findUnique({
      where: { number },
      select: {
        id: true,
        number: true,
        label: true,
        startsOn: true,
        endsOn: true,
        masthead: { orderBy: [{ rank: "asc" }, { id: "asc" }], select: { id: true, position: true, rank: true, person: { select: PERSON_SELECT } } },
      },
    }),
    getPublication(),
  ]);
  if (!volume) throw notFound("That volume");
  const at = volumeReferenceDate(volume);
  return {
    volume: { id: volume.id, number: volume.number, label: volume.label, startsOn: volume.startsOn, endsOn: volume.endsOn },
    entries: volume.masthead.map((e) => ({
      id: e.id,
      position: e.position,
      rank: e.rank,
      person: {
        id: e.person.id,
        fullName: e.person.fullName,
        publicName: publicName(e.person, pub.nameDisplayDefault),
        detail: bylineDetail(e.person, at, pub.schoolYearStartMonth),
        active: e.person.user?.active ?? false,
      },
    })),
  };
}

/**
 * The public staff page: the masthead of volume `number`, or of the current volume when no
 * number is given (see `currentVolume`). Names follow each person's display rule and grades are
 * as of that volume's school year. null when the volume does not exist.
 */
export async function findPublicMasthead({ number, now = new Date() }: { number?: number; now?: Date } = {}): Promise<PublicMasthead | null> {
  const [volumes, pub] = await Promise.all([
    db.volume.findMany({ select: { id: true, number: true, label: true, startsOn: true, endsOn: true, _count: { select: { masthead: true } } }, orderBy: { number: "desc" } }),
    getPublication(),
  ]);
  const current = currentVolume(volumes, now);
  const shown = number === undefined ? current : volumes.find((v) => v.number === number);
  if (number !== undefined && !shown) return null;

  const otherVolumes = volumes
    .filter((v) => v.id !== shown?.id && (v._count.masthead > 0 || v.id === current?.id))
    .map((v) => ({ number: v.number, label: v.label, href: v.id === current?.id ? "/staff" : `/staff/volumes/${v.number}`, current: v.id === current?.id }));
  const base = { volume: shown ? { number: shown.number, label: shown.label } : null, isCurrent: !!shown && shown.id === current?.id, upcoming: !!shown && shown.startsOn.getTime() > now.getTime(), otherVolumes };

  if (!shown || shown._count.masthead === 0) {
    const staff = await listMasthead();
    return {
      ...base,
      fallback: true,
      groups: staff.map((g) => ({ position: g.heading, people: g.people.map((p) => ({ key: p.slug, name: p.name, detail: p.detail, href: `/authors/${p.slug}` })) })),
    };
  }

  const entries = await db.mastheadEntry.findMany({ where: { volumeId: shown.id }, select: { id: true, position: true, rank: true, person: { select: PERSON_SELECT } } });
  const at = volumeReferenceDate(shown);
  return {
    ...base,
    fallback: false,
    groups: groupByPosition(entries).map((g) => ({
      position: g.position,
      people: g.entries.map((e) => ({
        key: e.id,
        name: publicName(e.person, pub.nameDisplayDefault),
        detail: bylineDetail(e.person, at, pub.schoolYearStartMonth),
        // An author page exists for current staff and anyone with a published byline (findAuthorBySlug).
        href: e.person.user?.active || e.person._count.bylines > 0 ? `/authors/${e.person.slug}` : null,
      })),
    })),
  };
}

/** Volumes with a masthead, for the sitemap. */
export async function listMastheadVolumeNumbers() {
  const rows = await db.volume.findMany({ where: { masthead: { some: {} } }, select: { number: true }, orderBy: { number: "desc" } });
  return rows.map((r) => r.number);
}

export type { PublicMasthead, PublicMastheadPerson };

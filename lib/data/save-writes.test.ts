// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import { createArticle, updateArticle } from "@/lib/testing/use-cases";
import { swapStoryVersion } from "./articles";
import { db, engine } from "./db";

/**
 * An autosave's writes are plain SQL (issue 16): the compare-and-swap of the story row and the
 * fold into the latest revision. They must store exactly what Prisma's updateMany and update
 * stored (the reference here), in the same representation, on both engines.
 */

let writer: TestUser;
beforeAll(async () => {
  writer = await createTestUser({ role: "WRITER" });
});

const story = async () => (await createArticle({ actor: actorFor(writer), input: { headline: `Swap ${uniq()}`, body: "<p>First.</p>" } })).id;

/** Every column of a row exactly as the database holds it: SQLite's quote() of each (type and text), PostgreSQL's JSON of the row. */
async function stored(table: "Article" | "Revision", id: string): Promise<Record<string, unknown>> {
  if (engine === "postgres") {
    const [row] = await db.$queryRawUnsafe<{ row: Record<string, unknown> }[]>(`SELECT to_jsonb(t) AS "row" FROM "${table}" t WHERE "id" = $1`, id);
    return row!.row;
  }
  const columns = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM pragma_table_info('${table}')`);
  const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(`SELECT ${columns.map((c) => `quote("${c.name}") AS "${c.name}"`).join(", ")} FROM "${table}" WHERE "id" = ?`, id);
  return row!;
}

/** As a save runs it: inside its transaction. */
const swap = (args: Parameters<typeof swapStoryVersion>[1]) => db.$transaction((tx) => swapStoryVersion(tx, args));

const without = (row: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

describe("swapStoryVersion", () => {
  it("stores what Prisma's updateMany stored: text, numbers, nulls, booleans and timestamps", async () => {
    const section = await createTestSection();
    const [a, b] = [await story(), await story()];
    const at = new Date("2026-11-30T08:15:42.123Z");
    const columns = {
      headline: "Same headline",
      dek: "Quotes \"and\" apostrophes' — and ünïcode 한국어",
      bodyText: "Body",
      wordCount: 1234,
      sectionId: section.id,
      leadImageCaption: null,
      noindex: true,
      draftUpdatedAt: at,
      deadline: at,
      updatedAt: at,
    };
    await db.article.updateMany({ where: { id: a, version: 1 }, data: { ...columns, version: { increment: 1 } } });
    expect(await swap({ id: b, version: 1, columns })).toBe(true);
    const [ra, rb] = [await stored("Article", a), await stored("Article", b)];
    expect(Number(rb.version)).toBe(2);
    expect(without(rb, "id", "slug", "createdAt", "liveUpdatedAt")).toStrictEqual(without(ra, "id", "slug", "createdAt", "liveUpdatedAt"));
    // And Prisma reads it back as it would its own write.
    const back = await db.article.findUniqueOrThrow({ where: { id: b } });
    expect(back).toMatchObject({ ...columns, version: 2 });
  });

  it("changes nothing and answers false when the story is no longer at that version", async () => {
    const id = await story();
    const before = await stored("Article", id);
    expect(await swap({ id, version: 7, columns: { headline: "Lost race" } })).toBe(false);
    expect(await stored("Article", id)).toStrictEqual(before);
  });

  it("refuses a column a save never writes (the key, the version, the status) or one that does not exist", async () => {
    const id = await story();
    for (const name of ["id", "version", "status", "nope\" = 1; --"]) {
      await expect(swap({ id, version: 1, columns: { [name]: "x" } as never })).rejects.toThrow(/Not a column a save writes/);
    }
  });
});

describe("the revision fold", () => {
  it("stores what Prisma's update stored, timestamps in the engine's own form", async () => {
    const actor = actorFor(writer);
    const id = await story();
    const t0 = new Date();
    let version = 1;
    for (const [minutes, dek] of [[1, "First edit"], [2, "Folded edit"]] as const) {
      version = (await updateArticle({ actor, id, input: { version, dek }, now: new Date(t0.getTime() + minutes * 60_000) })).version;
    }
    const revisions = await db.revision.findMany({ where: { articleId: id, event: "edit" } });
    expect(revisions).toHaveLength(1);
    const folded = revisions[0]!;
    expect(folded).toMatchObject({ version, dek: "Folded edit" });
    // As Prisma's @updatedAt: the moment it was written.
    expect(Math.abs(folded.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    // The same row written through Prisma, for its stored form.
    await db.revision.update({ where: { id: folded.id }, data: { dek: "Through Prisma" } });
    const viaPrisma = await stored("Revision", folded.id);
    version = (await updateArticle({ actor, id, input: { version, dek: "Through Prisma" }, now: new Date(t0.getTime() + 3 * 60_000) })).version;
    const viaFold = await stored("Revision", folded.id);
    expect(without(viaFold, "updatedAt", "version")).toStrictEqual(without(viaPrisma, "updatedAt", "version"));
    expect(Number(viaFold.version)).toBe(version);
    // The same form as Prisma's own timestamp: SQLite's ISO text with +00:00, PostgreSQL's timestamp(3).
    const form = (v: unknown) => String(v).replace(/\d/g, "0");
    expect(form(viaFold.updatedAt)).toBe(form(viaPrisma.updatedAt));
    if (engine === "sqlite") expect(String(viaFold.updatedAt)).toMatch(/^'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00'$/);
  });
});

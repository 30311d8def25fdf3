// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq } from "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { db } from "./db";
import { listMedia } from "./media";

/** A library row as the upload would leave it (no files: listMedia never reads them). */
async function mediaRow(caption: string) {
  const key = uniq() + uniq();
  return db.media.create({ data: { storageKey: key, originalName: "photo.jpg", mimeType: "image/jpeg", width: 10, height: 10, bytes: 1, caption }, select: { id: true } });
}

describe("listMedia search words", () => {
  it("treats % and _ as the characters they are, not as LIKE wildcards", async () => {
    const word = uniq();
    const percent = await mediaRow(`Turnout ${word} 50% up`);
    const underscore = await mediaRow(`file ${word}_final`);
    const plain = await mediaRow(`Nothing ${word} special xyz`);
    const actor = actorFor(await createTestUser({ role: "WRITER" }));
    const ids = async (q: string) => (await listMedia({ actor, query: { q } })).map((m) => m.id).sort();

    expect(await ids(`${word} %`)).toEqual([percent.id]);
    expect(await ids(`${word} _`)).toEqual([underscore.id]);
    expect(await ids(`${word}%special`)).toEqual([]);
    expect(await ids(`${word} 50\\%`)).toEqual([]);
    expect(await ids(`${word} SPECIAL`)).toEqual([plain.id]);
    expect(await ids(word)).toEqual([percent.id, underscore.id, plain.id].sort());
  });
});

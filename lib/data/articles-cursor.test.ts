import { actorFor, createTestSection, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { createApiToken, createArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/articles/route";
import { db } from "@/lib/data/db";
import { listStoryRowsForActor } from "@/lib/data/articles";

/** GET /api/v1/articles pages with ?cursor= (issue 17): disjoint, complete, ends with nextCursor null. */
let adviser: TestUser;
let token: string;
let section: { slug: string };
let ids: string[];

beforeAll(async () => {
  adviser = await createTestUser({ role: "ADVISER" });
  token = (await createApiToken({ actor: actorFor(adviser), input: { name: "cursor test" } })).token;
  section = await createTestSection();
  ids = [];
  for (let i = 0; i < 7; i++) ids.push((await createArticle({ actor: actorFor(adviser), input: { headline: `Cursor ${i} ${uniq()}`, dek: "", body: "<p>Words.</p>", section: section.slug } })).id);
  // Two stories with the same updatedAt: the id breaks the tie, so neither is lost between pages.
  const same = new Date(Date.now() - 60_000);
  await db.article.updateMany({ where: { id: { in: [ids[2], ids[3]] } }, data: { updatedAt: same } });
});

const noParams = { params: Promise.resolve({} as Record<string, never>) };
async function get(query: string) {
  const res = await GET(new Request(`http://localhost/api/v1/articles?${query}`, { headers: { authorization: `Bearer ${token}` } }), noParams);
  return { status: res.status, body: await res.json() };
}

describe("GET /api/v1/articles?cursor=", () => {
  it("walks every story once, newest update first, and ends with nextCursor null", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await get(`section=${section.slug}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(status).toBe(200);
      expect(body.articles.length).toBeLessThanOrEqual(3);
      // The answer keeps its shape: whole stories, as before, plus nextCursor.
      expect(body.articles[0]).toHaveProperty("body");
      seen.push(...body.articles.map((a: { id: string }) => a.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...ids].sort());
    const times = await db.article.findMany({ where: { id: { in: seen } }, select: { id: true, updatedAt: true } });
    const at = new Map(times.map((t) => [t.id, t.updatedAt.getTime()]));
    expect(seen.map((id) => at.get(id)!)).toEqual([...seen.map((id) => at.get(id)!)].sort((a, b) => b - a));
  });

  it("the last page's nextCursor is null, and a page without ?limit= holds up to 50", async () => {
    const { body } = await get(`section=${section.slug}`);
    expect(body.articles).toHaveLength(7);
    expect(body.nextCursor).toBeNull();
  });

  it("refuses a cursor it did not give out, and a bad limit, with 422 and a message on the field", async () => {
    for (const cursor of ["nonsense", Buffer.from('["not a date","x"]').toString("base64url"), Buffer.from("{}").toString("base64url"), "x".repeat(300)]) {
      const { status, body } = await get(`cursor=${encodeURIComponent(cursor)}`);
      expect(status).toBe(422);
      expect(body.error.code).toBe("VALIDATION");
      expect(body.error.fields.cursor).toMatch(/cursor/i);
    }
    for (const limit of ["0", "201", "ten"]) {
      const { status, body } = await get(`limit=${limit}`);
      expect(status).toBe(422);
      expect(body.error.fields.limit).toMatch(/1 to 200/);
    }
  });

  it("the newsroom's All stories table pages the same way", async () => {
    const actor = actorFor(adviser);
    const first = await listStoryRowsForActor({ actor, filter: { section: section.slug }, limit: 4 });
    const second = await listStoryRowsForActor({ actor, filter: { section: section.slug }, limit: 4, cursor: first.nextCursor! });
    expect(first.rows).toHaveLength(4);
    expect(second.nextCursor).toBeNull();
    expect([...first.rows, ...second.rows].map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(first.rows[0]).not.toHaveProperty("body");
  });
});

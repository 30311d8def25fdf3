// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, withSecondInstance } from "@/lib/testing/db";
import { createArticle, transitionArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { otherEditors, PRESENCE_TTL_MS, touchPresence } from "@/lib/data/presence";
import { leaveStoryPresence, touchStoryPresence } from "./touch-presence";

let ada: Actor, hana: Actor, outsider: Actor, storyId: string;

beforeAll(async () => {
  const [a, h, o] = await Promise.all([createTestUser({ role: "WRITER", fullName: "Ada Editor" }), createTestUser({ role: "EDITOR", fullName: "Hana Park" }), createTestUser({ role: "WRITER" })]);
  [ada, hana, outsider] = [actorFor(a), actorFor(h), actorFor(o)];
  storyId = (await createArticle({ actor: ada, input: { headline: `Presence ${Math.random()}`, dek: "", body: "Text." } })).id;
  // Submitted: the editor may open it too; another writer may not.
  await transitionArticle({ actor: ada, id: storyId, input: { action: "submit" } });
});

const load = () => import("./touch-presence");

describe("presence across app instances (kept in the database)", () => {
  it("an editor on instance 2 sees the one on instance 1, and the reverse", async () => {
    await touchStoryPresence({ actor: ada, articleId: storyId, name: "Ada Editor" });
    const seen = await withSecondInstance(load, async (two) => (await two.touchStoryPresence({ actor: hana, articleId: storyId, name: "Hana Park" })).editors);
    expect(seen).toEqual(["Ada Editor"]);
    expect((await touchStoryPresence({ actor: ada, articleId: storyId, name: "Ada Editor" })).editors).toEqual(["Hana Park"]);
    expect(await db.editorPresence.count({ where: { articleId: storyId } })).toBe(2);
  });

  it("leaving on one instance is seen at once on the other", async () => {
    await withSecondInstance(load, (two) => two.leaveStoryPresence({ actor: hana, articleId: storyId }));
    expect((await touchStoryPresence({ actor: ada, articleId: storyId, name: "Ada Editor" })).editors).toEqual([]);
  });

  it("an entry older than the time-to-live is not shown, and the next heartbeat sweeps it", async () => {
    const longAgo = new Date(Date.now() - PRESENCE_TTL_MS - 1_000);
    await touchPresence({ articleId: storyId, userId: hana.userId, name: "Hana Park", now: longAgo });
    expect(await otherEditors({ articleId: storyId, userId: ada.userId })).toEqual([]);
    await touchPresence({ articleId: storyId, userId: ada.userId, name: "Ada Editor" });
    expect(await db.editorPresence.count({ where: { articleId: storyId, userId: hana.userId } })).toBe(0);
  });

  it("a story the actor may not see is 404, and leaves no entry", async () => {
    await expect(touchStoryPresence({ actor: outsider, articleId: storyId, name: "Nobody" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(leaveStoryPresence({ actor: outsider, articleId: storyId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.editorPresence.count({ where: { articleId: storyId, userId: outsider.userId } })).toBe(0);
  });
});

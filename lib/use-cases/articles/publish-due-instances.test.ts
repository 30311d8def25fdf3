// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, withSecondInstance } from "@/lib/testing/db";
import { createArticle, publishDueArticles, transitionArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";

const MINUTE = 60_000;
let asWriter: Actor, asAdviser: Actor, writerId: string;

beforeAll(async () => {
  const [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asAdviser, writerId] = [actorFor(writer), actorFor(adviser), writer.userId];
  await setReviewPolicy("ADVISER_APPROVES");
});

async function scheduled(publishAt: Date, now: Date) {
  const story = await createArticle({ actor: asWriter, input: { headline: `Race ${Math.random()}`, dek: "", body: "Text." } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish", publishAt: publishAt.toISOString() }, now });
  return story.id;
}

describe("the scheduler on several instances", () => {
  it("two instances (two Prisma clients on one database) racing publish each due story exactly once", async () => {
    const now = new Date();
    const publishAt = new Date(now.getTime() + 10 * MINUTE);
    const ids = await Promise.all([scheduled(publishAt, now), scheduled(publishAt, now), scheduled(publishAt, now)]);
    const later = new Date(publishAt.getTime() + MINUTE);
    const [a, b, c] = await withSecondInstance(
      () => import("@/lib/use-cases/articles/publish-due-articles"),
      (other) => Promise.all([publishDueArticles({ now: later }), other.publishDueArticles({ now: later }), publishDueArticles({ now: later })]),
    );
    for (const id of ids) {
      expect([a, b, c].filter((run) => run.includes(id))).toHaveLength(1);
      expect(await db.transition.count({ where: { articleId: id, fromStatus: "SCHEDULED", toStatus: "PUBLISHED" } })).toBe(1);
      expect(await db.revision.count({ where: { articleId: id, event: "publish", createdAt: later } })).toBe(1);
      expect(await db.auditLog.count({ where: { subject: id, action: "article.scheduled_publish" } })).toBe(1);
      expect(await db.notification.count({ where: { userId: writerId, link: `/newsroom/articles/${id}`, title: { startsWith: "Published as scheduled" } } })).toBe(1);
      expect((await db.article.findUniqueOrThrow({ where: { id } })).status).toBe("PUBLISHED");
    }
  });
});

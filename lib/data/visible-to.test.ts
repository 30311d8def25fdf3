// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type Actor, type ArticleFacts, can, REVIEW_POLICIES, ROLES, SYSTEM_ACTOR } from "@/lib/auth/policy";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import { visibleTo, visibleToSql } from "./articles";
import { db } from "./db";

/**
 * `visibleTo(actor)` is a Prisma `where` that restates the policy's `can(actor, "view", story)`
 * so lists can filter in the query. The two must agree exactly, or a list leaks a hidden draft
 * (or hides a story one may open). Random actors against random stories in the real database:
 * the query must return exactly the stories the pure policy lets the actor view.
 */

let pool: TestUser[] = [];

beforeAll(async () => {
  // Accounts of every role; the actor's role is drawn independently (the query reads the actor).
  pool = await Promise.all(ROLES.flatMap((role) => [createTestUser({ role }), createTestUser({ role })]));
});

type StorySpec = { status: ArticleStatus; creator: number; bylines: number[]; assignees: number[]; assignedBy: number | null };

const storySpec = fc.record({
  status: fc.constantFrom(...ARTICLE_STATUSES),
  creator: fc.nat({ max: 7 }),
  bylines: fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 3 }),
  assignees: fc.uniqueArray(fc.nat({ max: 7 }), { maxLength: 2 }),
  assignedBy: fc.option(fc.nat({ max: 7 }), { nil: null }),
});

const actorSpec = fc.record({
  user: fc.nat({ max: 7 }),
  role: fc.constantFrom(...ROLES),
  reviewPolicy: fc.constantFrom(...REVIEW_POLICIES),
  system: fc.boolean(),
});

/** The facts the policy sees, from the spec (not read back through the code under test). */
function factsFrom(spec: StorySpec): ArticleFacts {
  const people = [...spec.bylines, ...spec.assignees].map((i) => pool[i]!.personId);
  return {
    status: spec.status,
    createdById: pool[spec.creator]!.userId,
    authorPersonIds: [...new Set(people)],
    assignedById: spec.assignedBy === null ? null : pool[spec.assignedBy]!.userId,
  };
}

async function insert(spec: StorySpec): Promise<string> {
  const suffix = uniq();
  const row = await db.article.create({
    data: {
      slug: `visible-to-${suffix}`,
      headline: `Visibility ${suffix}`,
      bodyJson: '{"type":"doc","content":[]}',
      bodyHtml: "",
      status: spec.status,
      createdById: pool[spec.creator]!.userId,
      assignedById: spec.assignedBy === null ? null : pool[spec.assignedBy]!.userId,
      authors: { create: spec.bylines.map((i, position) => ({ personId: pool[i]!.personId, position })) },
      assignees: { create: spec.assignees.map((i) => ({ userId: pool[i]!.userId, role: "WRITER" as const })) },
    },
    select: { id: true },
  });
  return row.id;
}

describe("visibleTo(actor) and visibleToSql(actor) as queries ≡ can(actor, 'view', story)", () => {
  it("returns exactly the stories the policy lets the actor view, over random actors and stories", async () => {
    let sawHidden = false;
    let sawVisible = false;
    await fc.assert(
      fc.asyncProperty(fc.array(storySpec, { minLength: 1, maxLength: 6 }), fc.array(actorSpec, { minLength: 1, maxLength: 4 }), async (stories, actors) => {
        const ids = await Promise.all(stories.map(insert));
        for (const a of actors) {
          const user = pool[a.user]!;
          const actor: Actor = a.system ? SYSTEM_ACTOR : { userId: user.userId, personId: user.personId, role: a.role, reviewPolicy: a.reviewPolicy };
          const rows = await db.article.findMany({ where: { AND: [{ id: { in: ids } }, visibleTo(actor)] }, select: { id: true } });
          const fromQuery = new Set(rows.map((r) => r.id));
          // The newsroom lists' plain-SQL form of the same rule (newsroomIdsSql, reviewQueueSql).
          const sqlRows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT a."id" FROM "Article" a WHERE a."id" IN (${Prisma.join(ids)}) AND ${visibleToSql(actor)}`);
          expect(sqlRows.map((r) => r.id).sort()).toEqual([...fromQuery].sort());
          const fromPolicy = new Set(ids.filter((_, i) => can(actor, "view", factsFrom(stories[i]!))));
          expect([...fromQuery].sort()).toEqual([...fromPolicy].sort());
          if (fromPolicy.size < ids.length) sawHidden = true;
          if (fromPolicy.size > 0) sawVisible = true;
        }
        await db.article.deleteMany({ where: { id: { in: ids } } });
      }),
      { numRuns: 60 },
    );
    // The property exercised both answers, not only one of them.
    expect(sawHidden && sawVisible).toBe(true);
    // 60 runs of a few inserts and up to eight queries: over 20 s on PostgreSQL at load 9.
  }, 120_000);
});

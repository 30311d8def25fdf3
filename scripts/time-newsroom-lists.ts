/**
 * Times each list the newsroom dashboard and GET /api/v1/articles read, in process (no HTTP,
 * no rendering), on the database DATABASE_URL names: the demo newsroom with an archive loaded
 * (scripts/lib/archive.ts). Median of 7 runs after one warm-up, per list and per demo role.
 *
 *   DATABASE_URL=file:$PWD/data/bench-archive.db tsx --import ./scripts/lib/allow-server-only.ts scripts/time-newsroom-lists.ts
 */
export {};
const { db } = await import("../lib/data/db");
const { listArticlesPageForActor, listReviewQueue, listStoryRowsForActor } = await import("../lib/data/articles");
const { listOpenRequiredByArticle } = await import("../lib/data/comments");
const { listMyAssignments } = await import("../lib/data/planning");
const { STATUS } = await import("../lib/domain/workflow");
type Actor = import("../lib/auth/policy").Actor;

async function median(run: () => Promise<unknown>, n = 7): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(n / 2)]! * 10) / 10;
}

const published = await db.article.count();
// The section with the fewest stories: a filter a scan in updatedAt order would read the archive for.
const rare = (await db.section.findMany({ select: { slug: true, _count: { select: { articles: true } } } })).sort((a, b) => a._count.articles - b._count.articles)[0]!.slug;
console.log(`${published} stories; load average ${(await import("node:os")).loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const email of ["adviser@demo.test", "editor@demo.test", "writer@demo.test"]) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, personId: true, role: true } });
  const actor: Actor = { userId: user.id, personId: user.personId, role: user.role, reviewPolicy: "ADVISER_APPROVES" };
  const first = await listArticlesPageForActor({ actor });
  const figures = {
    mine: await median(() => listStoryRowsForActor({ actor, mine: true, limit: 200 })),
    reviewQueue: await median(() => listReviewQueue({ actor })),
    allStories: await median(() => listStoryRowsForActor({ actor })),
    allRareSection: await median(() => listStoryRowsForActor({ actor, filter: { section: rare } })),
    allDrafts: await median(() => listStoryRowsForActor({ actor, filter: { status: STATUS.DRAFT } })),
    openRequired: await median(() => listOpenRequiredByArticle({ actor })),
    assignments: await median(() => listMyAssignments({ actor })),
    dashboardTogether: await median(() =>
      Promise.all([listStoryRowsForActor({ actor, mine: true, limit: 200 }), listReviewQueue({ actor }), listStoryRowsForActor({ actor }), listOpenRequiredByArticle({ actor }), listMyAssignments({ actor })]),
    ),
    api: await median(() => listArticlesPageForActor({ actor })),
    apiPage2: first.nextCursor ? await median(() => listArticlesPageForActor({ actor, cursor: first.nextCursor! })) : null,
  };
  console.log(`${user.role.padEnd(8)} ${Object.entries(figures).map(([k, v]) => `${k} ${v} ms`).join(", ")}`);
}
await db.$disconnect();

/**
 * Times the editor's autosave in process (no HTTP): updateArticle with the ProseMirror document
 * and `answer: "minimal"`, as PATCH /api/v1/articles/:id does for the autosave, on a draft of the
 * demo writer's, part by part (the same PhaseClock the handler's Server-Timing uses). Median and
 * p90 of TIMES saves (default 400) after 20 warm-ups.
 *
 *   tsx --import ./scripts/lib/allow-server-only.ts scripts/time-save.ts
 */
export {};
const { db } = await import("../lib/data/db");
const { createArticle } = await import("../lib/use-cases/articles/create-article");
const { updateArticle } = await import("../lib/use-cases/articles/update-article");
const { docFor } = await import("./lib/loadtest-kit");
type Actor = import("../lib/auth/policy").Actor;

const user = await db.user.findUniqueOrThrow({ where: { email: "writer@demo.test" }, select: { id: true, personId: true, role: true } });
const actor: Actor = { userId: user.id, personId: user.personId, role: user.role, reviewPolicy: "ADVISER_APPROVES" };
const created = await createArticle({ actor, input: { headline: "Timing a save", body: "<p>x</p>" } });
let version = created.data.version;
const id = created.data.id;
const n = Number(process.env.TIMES ?? 400);
const parts: Record<string, number[]> = {};
for (let i = 0; i < n + 20; i++) {
  let last = performance.now();
  const start = last;
  const seen: Record<string, number> = {};
  const clock = {
    mark(part: string) {
      const t = performance.now();
      seen[part] = (seen[part] ?? 0) + (t - last);
      last = t;
    },
  };
  const saved = await updateArticle({ actor, id, input: { bodyJson: docFor(1, i), version }, answer: "minimal", clock });
  seen.total = performance.now() - start;
  version = saved.data.version;
  if (i >= 20) for (const [k, v] of Object.entries(seen)) (parts[k] ??= []).push(v);
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!.toFixed(2);
console.log(`${n} saves; load average ${(await import("node:os")).loadavg()[0]!.toFixed(2)}`);
for (const [k, v] of Object.entries(parts)) console.log(`${k.padEnd(9)} p50 ${q(v, 0.5)} ms  p90 ${q(v, 0.9)} ms`);
await db.$disconnect();

import { actorFor, createTestUser, type TestUser, uniq } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import { STATUS } from "@/lib/domain/workflow";
import { listOpenRequiredByArticle } from "./comments";
import { db } from "./db";
import { listMyAssignments } from "./planning";

/** The dashboard's plain-SQL side lists (issue 17) answer what their Prisma forms answered. */
let writer: TestUser, other: TestUser, editor: TestUser;

beforeAll(async () => {
  [writer, other, editor] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" })]);
});

async function story(createdById: string, status: (typeof STATUS)[keyof typeof STATUS] = STATUS.DRAFT, extra: { deadline?: Date } = {}) {
  const suffix = uniq();
  return db.article.create({ data: { slug: `lists-${suffix}`, headline: `Lists ${suffix}`, bodyJson: "{}", bodyHtml: "", status, createdById, ...extra }, select: { id: true, headline: true } });
}

async function comment(articleId: string, kind: "REQUIRED" | "COACHING", opts: { resolved?: boolean; parentId?: string } = {}) {
  return db.comment.create({ data: { articleId, authorId: editor.userId, kind, body: "Fix.", resolvedAt: opts.resolved ? new Date() : null, parentId: opts.parentId ?? null }, select: { id: true } });
}

describe("listOpenRequiredByArticle", () => {
  it("counts open, top-level required changes on the actor's stories (creator or byline) only", async () => {
    const [own, bylined, foreign] = [await story(writer.userId), await story(other.userId), await story(other.userId)];
    await db.articleAuthor.create({ data: { articleId: bylined.id, personId: writer.personId } });
    const open = await comment(own.id, "REQUIRED");
    await comment(own.id, "REQUIRED", { resolved: true });
    await comment(own.id, "COACHING");
    await comment(own.id, "REQUIRED", { parentId: open.id });
    await comment(bylined.id, "REQUIRED");
    await comment(bylined.id, "REQUIRED");
    await comment(foreign.id, "REQUIRED");
    const counts = await listOpenRequiredByArticle({ actor: actorFor(writer) });
    expect(counts.get(own.id)).toBe(1);
    expect(counts.get(bylined.id)).toBe(2);
    expect(counts.has(foreign.id)).toBe(false);
    expect(typeof counts.get(own.id)).toBe("number");
  });
});

describe("listMyAssignments", () => {
  it("lists the actor's assignments still in the budget, nearest deadline first, with every role, section and brief", async () => {
    const section = await db.section.create({ data: { name: `Lists ${uniq()}`, slug: `lists-${uniq()}` } });
    const later = await story(editor.userId, STATUS.DRAFT, { deadline: new Date(Date.now() + 5 * 86400_000) });
    const sooner = await story(editor.userId, STATUS.SUBMITTED, { deadline: new Date(Date.now() - 86400_000) });
    const undated = await story(editor.userId);
    const published = await story(editor.userId, STATUS.PUBLISHED);
    const notMine = await story(editor.userId);
    await db.article.update({ where: { id: later.id }, data: { sectionId: section.id, targetWords: 600 } });
    await db.pitch.create({ data: { title: `Pitch ${uniq()}`, angle: "The angle", sources: "The sources", articleId: later.id, pitchedById: editor.userId } });
    for (const { id } of [later, sooner, undated, published]) await db.articleAssignee.create({ data: { articleId: id, userId: writer.userId, role: "WRITER" } });
    await db.articleAssignee.create({ data: { articleId: later.id, userId: writer.userId, role: "PHOTOGRAPHER" } });
    await db.articleAssignee.create({ data: { articleId: notMine.id, userId: other.userId, role: "WRITER" } });

    const mine = await listMyAssignments({ actor: actorFor(writer) });
    expect(mine.map((a) => a.id)).toEqual([sooner.id, later.id, undated.id]);
    expect(mine[1]).toMatchObject({ headline: later.headline, section: section.name, roles: ["WRITER", "PHOTOGRAPHER"], targetWords: 600, wordCount: 0, brief: { angle: "The angle", sources: "The sources" }, overdue: false });
    expect(mine[1]!.deadline).toBeInstanceOf(Date);
    expect(mine[0]).toMatchObject({ roles: ["WRITER"], section: null, brief: null, status: STATUS.SUBMITTED });
    expect(mine[2]!.deadline).toBeNull();
  });
});

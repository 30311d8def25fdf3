// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, createComment, markNotificationsRead, transitionArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { STATUS } from "@/lib/domain/workflow";
import { storyLink } from "@/lib/use-cases/notifications/mark-notifications-read";
import { listReviewQueue } from "./articles";
import { countUnread, listNotifications } from "./notifications";

let writer: TestUser, editor: TestUser, adviser: TestUser;
let asWriter: Actor, asEditor: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asEditor, asAdviser] = [writer, editor, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
});

const t0 = new Date("2026-11-02T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

async function draftIn(section: string, headline: string) {
  return createArticle({ actor: asWriter, input: { headline: `${headline} ${uniq()}`, dek: "", body: "<p>Words.</p>", section } });
}

describe("the review queue", () => {
  it("holds only stories waiting for a decision, the longest-waiting submission first, with the filters applied", async () => {
    const section = await createTestSection();
    const other = await createTestSection();
    // Submitted second but edited (and so updated) before the first one was submitted.
    const late = await draftIn(section.slug, "Late");
    const early = await draftIn(section.slug, "Early");
    await transitionArticle({ actor: asWriter, id: early.id, input: { action: "submit" }, now: at(1) });
    await transitionArticle({ actor: asWriter, id: late.id, input: { action: "submit" }, now: at(2) });
    // Resubmitted after changes: it waits since its latest submission, the newest of all.
    const again = await draftIn(section.slug, "Again");
    await transitionArticle({ actor: asWriter, id: again.id, input: { action: "submit" }, now: at(0) });
    await transitionArticle({ actor: asEditor, id: again.id, input: { action: "request_changes", note: "More." }, now: at(3) });
    await transitionArticle({ actor: asWriter, id: again.id, input: { action: "submit" }, now: at(4) });
    // Approved and scheduled stories are decided: not in the queue.
    const approved = await draftIn(section.slug, "Approved");
    await transitionArticle({ actor: asWriter, id: approved.id, input: { action: "submit" }, now: at(0) });
    await transitionArticle({ actor: asAdviser, id: approved.id, input: { action: "approve" }, now: at(1) });
    const scheduled = await draftIn(section.slug, "Scheduled");
    await transitionArticle({ actor: asWriter, id: scheduled.id, input: { action: "submit" }, now: at(0) });
    await transitionArticle({ actor: asAdviser, id: scheduled.id, input: { action: "approve" }, now: at(1) });
    await transitionArticle({ actor: asAdviser, id: scheduled.id, input: { action: "publish", publishAt: new Date(Date.now() + 86_400_000).toISOString() } });
    const elsewhere = await draftIn(other.slug, "Elsewhere");
    await transitionArticle({ actor: asWriter, id: elsewhere.id, input: { action: "submit" }, now: at(0) });

    const queue = await listReviewQueue({ actor: asEditor, filter: { section: section.slug } });
    expect(queue.map((a) => a.id)).toEqual([early.id, late.id, again.id]);
    expect(queue.every((a) => a.status === STATUS.SUBMITTED)).toBe(true);
    expect((await listReviewQueue({ actor: asEditor, filter: { section: section.slug, status: STATUS.SUBMITTED } })).map((a) => a.id)).toEqual([early.id, late.id, again.id]);
    expect(await listReviewQueue({ actor: asEditor, filter: { section: section.slug, status: STATUS.APPROVED } })).toEqual([]);
    expect((await listReviewQueue({ actor: asEditor })).map((a) => a.id)).toContain(elsewhere.id);
    expect(await listReviewQueue({ actor: asWriter })).toEqual([]);
  });
});

describe("who a workflow move told, and what they read", () => {
  it("returns the names of everyone notified, and the notification names the actor and quotes the note", async () => {
    const story = await draftIn("", "Told");
    const submitted = await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    expect(submitted.notified).toEqual(expect.arrayContaining([editor.fullName, adviser.fullName]));
    expect(submitted.notified).not.toContain(writer.fullName);
    const forAdviser = (await listNotifications({ userId: adviser.userId })).items.find((n) => n.link === storyLink(story.id));
    expect(forAdviser?.title).toBe(`${writer.fullName} submitted “${story.headline}” for review`);

    const note = "Name your sources.\n\nAnd check   the spelling of the principal's name, twice over, before this goes anywhere near the front page. ".repeat(3);
    const changes = await transitionArticle({ actor: asEditor, id: story.id, input: { action: "request_changes", note } });
    expect(changes.notified).toEqual([writer.fullName]);
    const forWriter = (await listNotifications({ userId: writer.userId })).items.find((n) => n.link === storyLink(story.id));
    expect(forWriter).toMatchObject({ kind: "decision", title: `${editor.fullName} requested changes on “${story.headline}”` });
    expect(forWriter?.excerpt.startsWith("Name your sources. And check the spelling")).toBe(true);
    expect(forWriter?.excerpt.length).toBeLessThanOrEqual(160);
    expect(forWriter?.excerpt.endsWith("…")).toBe(true);

    await createComment({ actor: asEditor, articleId: story.id, input: { body: "Cut the second quote.", kind: "REQUIRED" } });
    const required = (await listNotifications({ userId: writer.userId })).items.find((n) => n.kind === "required_change" && n.link === storyLink(story.id));
    expect(required).toMatchObject({ title: `${editor.fullName} marked a required change on “${story.headline}”`, excerpt: "Cut the second quote." });
  });

  it("opening a story reads its notifications, and only the reader's own", async () => {
    const one = await draftIn("", "Read one");
    const two = await draftIn("", "Read two");
    for (const s of [one, two]) {
      await transitionArticle({ actor: asWriter, id: s.id, input: { action: "submit" } });
      await transitionArticle({ actor: asEditor, id: s.id, input: { action: "request_changes", note: "Again." } });
    }
    expect(await countUnread({ userId: writer.userId, link: storyLink(one.id) })).toBe(1);
    await markNotificationsRead({ actor: asAdviser, input: { articleId: one.id } });
    expect(await countUnread({ userId: writer.userId, link: storyLink(one.id) })).toBe(1);
    const { count } = await markNotificationsRead({ actor: asWriter, input: { articleId: one.id } });
    expect(count).toBe(1);
    expect(await countUnread({ userId: writer.userId, link: storyLink(one.id) })).toBe(0);
    expect(await countUnread({ userId: writer.userId, link: storyLink(two.id) })).toBe(1);
  });
});

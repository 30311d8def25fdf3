// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, uniq } from "@/lib/testing/db";
import {
  addCorrection,
  createArticle,
  createComment,
  decideTakedown,
  recordTakedownRequest,
  restoreRevision,
  transitionArticle,
  updateArticle,
} from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { findArticleForActor, findPublishedArticle, listTransitions, toArticleDto } from "@/lib/data/articles";
import { listAuditEntries } from "@/lib/data/audit";
import { listComments } from "@/lib/data/comments";
import { db } from "@/lib/data/db";
import { listNotifications } from "@/lib/data/notifications";
import { getPublication } from "@/lib/data/publication";
import { findRevision, listRevisions } from "@/lib/data/revisions";
import { anchorFor, anchorText } from "@/lib/domain/anchors";

/**
 * Takedown: after an anonymizing takedown the name is in no layer of the story (its text, any
 * revision, comment, anchor, transition note, notification, audit entry or the request), and no
 * revision from before it can be restored, by anyone.
 */
describe("an anonymizing takedown scrubs every layer", () => {
  it("leaves the name in no record and no answer, and refuses to restore an earlier revision", async () => {
    await setReviewPolicy("ADVISER_APPROVES");
    const [writer, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
    const [asWriter, asEditor, asAdviser] = [writer, editor, adviser].map((u) => actorFor(u));
    const surname = `Okafor${uniq()}`;
    const name = `Nadia ${surname}`;
    const trace = new RegExp(surname, "i");

    // A story about a student, with every layer naming her.
    const story = await createArticle({
      actor: asWriter,
      input: { headline: `Robotics captain ${name} rebuilds the arm`, dek: `${name} stayed late.`, body: `<p>${name} rebuilt the arm twice.</p><p>“It works,” ${surname} said.</p>` },
    });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "request_changes", note: `Ask ${name} for a second quote.` } });
    const saved = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true, bodyJson: true } });
    const { text } = anchorText(JSON.parse(saved.bodyJson));
    const quote = `${name} rebuilt the arm`;
    const anchor = anchorFor(text, text.indexOf(quote), text.indexOf(quote) + quote.length);
    const thread = await createComment({ actor: asAdviser, articleId: story.id, input: { body: `Is ${surname} a minor?`, kind: "REQUIRED", quote, anchor } });
    await createComment({ actor: asWriter, articleId: story.id, input: { body: `${name} is 17.`, parentId: thread.id } });
    await updateArticle({ actor: asWriter, id: story.id, input: { body: `<p>${name} rebuilt the arm twice.</p><p>“It works,” ${surname} said. “Again.”</p>`, version: saved.version } });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
    await db.comment.update({ where: { id: thread.id }, data: { resolvedAt: new Date(), resolvedById: adviser.userId } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    await addCorrection({ actor: asAdviser, articleId: story.id, input: { body: `${surname}'s team placed second, not first.` } });
    // The pitch the story grew from, and an unpublished working copy of the live story, name the student too.
    await db.pitch.create({ data: { title: `Profile ${name}`, angle: `${surname} rebuilt the robot arm`, sources: `${name}, the coach`, pitchedById: writer.userId, articleId: story.id } });
    const live = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true } });
    await updateArticle({ actor: asAdviser, id: story.id, input: { dek: `${name} stayed late, again.`, body: `<p>${name} rebuilt the arm three times.</p>`, version: live.version } });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { draftBodyText: true } })).draftBodyText).toMatch(trace);
    const oldSlug = (await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { slug: true } })).slug;
    const request = await recordTakedownRequest({ actor: asEditor, articleId: story.id, input: { requesterName: `${name}'s mother`, requesterContact: "", reason: `${name} is a minor.` } });
    const before = await db.revision.findMany({ where: { articleId: story.id }, select: { id: true } });
    expect(JSON.stringify(await db.notification.findMany({ where: { link: { contains: story.id } } }))).toMatch(trace);

    const { slug } = await decideTakedown({
      actor: asAdviser,
      articleId: story.id,
      requestId: request.id,
      input: { decision: "ANONYMIZE", anonymizedName: name, replacement: "a student", decisionReason: `${surname} is a minor.` },
    });

    // Every stored record that belongs to or talks about the story.
    const records = {
      article: await db.article.findUniqueOrThrow({ where: { id: story.id } }),
      revisions: await db.revision.findMany({ where: { articleId: story.id } }),
      comments: await db.comment.findMany({ where: { articleId: story.id } }),
      pitches: await db.pitch.findMany({ where: { articleId: story.id } }),
      transitions: await db.transition.findMany({ where: { articleId: story.id } }),
      corrections: await db.correction.findMany({ where: { articleId: story.id } }),
      takedowns: await db.takedownRequest.findMany({ where: { articleId: story.id } }),
      notifications: await db.notification.findMany({ where: { link: { contains: story.id } } }),
      audit: await db.auditLog.findMany({ where: { OR: [{ subject: story.id }, { details: { contains: story.id } }] } }),
      search: await db.$queryRaw`SELECT "headline", "dek", "body" FROM "ArticleSearch" WHERE "articleId" = ${story.id}`,
    };
    for (const [layer, rows] of Object.entries(records)) expect(JSON.stringify(rows), layer).not.toMatch(trace);
    // The records are kept, with the name replaced.
    expect(records.revisions.length).toBe(before.length + 1);
    expect(records.comments.find((c) => c.id === thread.id)).toMatchObject({ body: "Is a student a minor?", quote: "a student rebuilt the arm", anchorExact: "a student rebuilt the arm" });
    expect(records.transitions.map((t) => t.note)).toContain("Ask a student for a second quote.");
    expect(records.takedowns[0]).toMatchObject({ requesterName: "a student's mother", reason: "a student is a minor.", decisionReason: "a student is a minor.", replacement: "a student", anonymizedName: null });
    expect(records.notifications.length).toBeGreaterThan(0);
    const anonymizeEntry = records.audit.find((a) => a.action === "takedown.anonymize")!;
    expect(JSON.parse(anonymizeEntry.details)).toMatchObject({ replacement: "a student", slug: { from: oldSlug.replace(`nadia-${surname.toLowerCase()}`, "a-student"), to: slug } });

    // What the API and the pages answer from.
    for (const actor of [asWriter, asEditor, asAdviser]) {
      const revisions = await listRevisions({ actor, articleId: story.id });
      const answers = [
        toArticleDto(await findArticleForActor({ id: story.id, actor }), await getPublication()),
        revisions,
        ...(await Promise.all(revisions.map((r) => findRevision({ actor, articleId: story.id, revisionId: r.id })))),
        await listComments({ actor, articleId: story.id }),
        await listTransitions({ articleId: story.id }),
        await listNotifications({ userId: actor.userId, limit: 500 }),
      ];
      for (const answer of answers) expect(JSON.stringify(answer)).not.toMatch(trace);
    }
    expect(JSON.stringify(await listAuditEntries({}))).not.toMatch(trace);
    expect(JSON.stringify(await findPublishedArticle({ slug }))).not.toMatch(trace);
    expect(await findPublishedArticle({ slug: oldSlug })).toBeNull();

    // No revision from before the takedown comes back, for anyone; the takedown's own one may.
    const version = () => db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true } }).then((a) => a.version);
    for (const actor of [asEditor, asAdviser]) {
      for (const { id } of before) {
        await expect(restoreRevision({ actor, articleId: story.id, revisionId: id, input: { version: await version() } })).rejects.toMatchObject({
          code: "CONFLICT",
          message: expect.stringContaining("from before a takedown"),
        });
      }
    }
    const anonymized = records.revisions.find((r) => r.event === "anonymize")!;
    await restoreRevision({ actor: asAdviser, articleId: story.id, revisionId: anonymized.id, input: { version: await version() } });
    expect((await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyText: true } })).bodyText).not.toMatch(trace);
  }, 90_000);

  it("scrubs the media library too: the alt text, caption, credit and file name of the story's images, which other stories share", async () => {
    await setReviewPolicy("ADVISER_APPROVES");
    const [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
    const [asWriter, asAdviser] = [writer, adviser].map((u) => actorFor(u));
    const surname = `Mensah${uniq()}`;
    const name = `Kofi ${surname}`;
    const trace = new RegExp(surname, "i");
    const photo = (what: string) =>
      db.media.create({
        data: { storageKey: `takedown-${what}-${uniq()}`, originalName: `${surname.toLowerCase()}-${what}.jpg`, mimeType: "image/jpeg", width: 800, height: 600, bytes: 1, variants: JSON.stringify([{ width: 800, height: 600, format: "jpeg", key: `ab/ab0123456789/800.jpg`, bytes: 1 }]), alt: `${name} at the lathe`, caption: `${name} in the workshop.`, credit: `Photo courtesy of ${name}`, uploadedById: writer.userId },
      });
    const [lead, inline, unrelated] = await Promise.all([photo("lead"), photo("inline"), photo("unrelated")]);
    await db.media.update({ where: { id: unrelated.id }, data: { alt: "A lathe", caption: "The workshop.", credit: "Staff" } });
    const publish = async (input: Parameters<typeof createArticle>[0]["input"]) => {
      const story = await createArticle({ actor: asWriter, input });
      await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
      await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
      return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
    };
    const body = `<p>${name} turns a bowl.</p><figure data-media-id="${inline.id}"><img src="/media/ab/ab0123456789/800.jpg" alt=""></figure>`;
    const story = await publish({ headline: `The woodturner ${name}`, body });
    const withLead = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, leadImageId: lead.id, leadImageCaption: `${name} at the gate.` } });
    const livePhoto = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    // The story's own caption names her too: live, and in a working copy waiting to be published.
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: livePhoto.version, leadImageCaption: `${name} at the east gate.` } });
    // Another story uses the same photos (and an unrelated one, which keeps its words).
    const other = await publish({ headline: `Workshop open day ${uniq()}`, body: `<p>Open day.</p><figure data-media-id="${inline.id}"><img src="/media/ab/ab0123456789/800.jpg" alt=""></figure>` });
    await updateArticle({ actor: asAdviser, id: other.id, input: { version: other.version, leadImageId: unrelated.id } });
    expect(withLead.version).toBeGreaterThan(story.version);
    const beforeTakedown = await findPublishedArticle({ slug: other.slug });
    expect(JSON.stringify(beforeTakedown)).toMatch(trace);

    const request = await recordTakedownRequest({ actor: asAdviser, articleId: story.id, input: { requesterName: "A parent", requesterContact: "", reason: "A minor." } });
    await decideTakedown({ actor: asAdviser, articleId: story.id, requestId: request.id, input: { decision: "ANONYMIZE", anonymizedName: name, replacement: "a student", decisionReason: "A minor." } });

    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { leadImageCaption: true, draftLeadImageCaption: true } })).toEqual({ leadImageCaption: "a student at the gate.", draftLeadImageCaption: "a student at the east gate." });
    // The history recorded both captions; the revisions keep them, with the name replaced.
    const revisions = await db.revision.findMany({ where: { articleId: story.id }, select: { event: true, leadImageCaption: true } });
    expect(JSON.stringify(revisions)).not.toMatch(trace);
    expect(revisions.find((r) => r.event === "publish_changes")?.leadImageCaption).toBe("a student at the gate.");
    expect(revisions.map((r) => r.leadImageCaption)).toContain("a student at the east gate.");
    expect(revisions.find((r) => r.event === "anonymize")?.leadImageCaption).toBe("a student at the gate.");
    for (const r of await listRevisions({ actor: asAdviser, articleId: story.id })) expect(JSON.stringify(r)).not.toMatch(trace);
    const rows = await db.media.findMany({ where: { id: { in: [lead.id, inline.id] } } });
    expect(JSON.stringify(rows)).not.toMatch(trace);
    expect(rows.find((m) => m.id === lead.id)).toMatchObject({ alt: "a student at the lathe", caption: "a student in the workshop.", credit: "Photo courtesy of a student" });
    expect((await db.media.findUniqueOrThrow({ where: { id: unrelated.id } })).caption).toBe("The workshop.");
    const after = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { slug: true } });
    expect(JSON.stringify(await findPublishedArticle({ slug: after.slug }))).not.toMatch(trace);
    // The story that shares the photos no longer names her either, and a save re-reading the library brings nothing back.
    expect(JSON.stringify(await findPublishedArticle({ slug: other.slug }))).not.toMatch(trace);
    const current = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { version: true } });
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: current.version, body: `<p>a student turns a bowl.</p><figure data-media-id="${inline.id}"><img src="/media/ab/ab0123456789/800.jpg" alt=""></figure>` } });
    expect(JSON.stringify(await db.article.findUniqueOrThrow({ where: { id: story.id } }))).not.toMatch(trace);
  }, 60_000);
});

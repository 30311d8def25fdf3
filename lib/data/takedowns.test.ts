// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, failUpdatesOf, setReviewPolicy, uniq } from "@/lib/testing/db";
import { createArticle, decideTakedown, recordTakedownRequest, transitionArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findPublishedArticle, listPublishedArticles } from "./articles";
import { db } from "./db";


let asWriter: Actor, asEditor: Actor, asAdviser: Actor;

beforeAll(async () => {
  const [writer, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asEditor, asAdviser] = [writer, editor, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
});

/** A published story by the writer. */
async function published(headline: string, body: string) {
  const story = await createArticle({ actor: asWriter, input: { headline, dek: "", body: `<p>${body}</p>` } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
  return db.article.findUniqueOrThrow({ where: { id: story.id }, select: { id: true, slug: true } });
}

async function anonymize(articleId: string, name: string, replacement = "a former student") {
  const request = await recordTakedownRequest({ actor: asEditor, articleId, input: { requesterName: name, requesterContact: "", reason: "Graduated; asks to be unnamed." } });
  return decideTakedown({ actor: asAdviser, articleId, requestId: request.id, input: { decision: "ANONYMIZE", anonymizedName: name, replacement, decisionReason: "A private student." } });
}

describe("anonymizing a story", () => {
  it("gives a story whose address names the person a new one from the anonymized headline; the old one is gone", async () => {
    const surname = `Okafor${uniq()}`;
    const name = `Nadia ${surname}`;
    const story = await published(`Robotics captain ${name} rebuilds the arm`, `${name} rebuilt it twice. ${surname} says thanks.`);
    expect(story.slug).toBe(`robotics-captain-nadia-${surname.toLowerCase()}-rebuilds-the-arm`);
    // Another story already has the address the anonymized headline gives: the new slug stays unique.
    const taken = await published("Robotics captain a former student rebuilds the arm", "An older story.");

    const { slug } = await anonymize(story.id, name);
    expect(slug).toBe(`${taken.slug}-2`);
    const row = await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { slug: true, headline: true, bodyText: true } });
    expect(row).toEqual({ slug, headline: "Robotics captain a former student rebuilds the arm", bodyText: expect.not.stringContaining(surname) });
    // No redirect: the old address names her, so it answers nothing.
    expect(await findPublishedArticle({ slug: story.slug })).toBeNull();
    expect(await findPublishedArticle({ slug })).toMatchObject({ id: story.id, headline: row.headline });
    // The sitemap and every story list read the published stories.
    const listed = (await listPublishedArticles({ authorPersonId: asWriter.personId, limit: 100 })).articles.map((a) => a.slug);
    expect(listed).toContain(slug);
    expect(listed).not.toContain(story.slug);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "takedown.anonymize", subject: story.id }, select: { details: true } });
    // The audit entry records the change of address without the name in the old one.
    expect(JSON.parse(audit.details).slug).toEqual({ from: "robotics-captain-a-former-student-rebuilds-the-arm", to: slug });
    expect(audit.details).not.toContain(surname.toLowerCase());
  });

  it("finds the surname alone in the address, and keeps an address that does not name the person", async () => {
    const surname = `Mensah${uniq()}`;
    const bySurname = await published(`${surname} wins the science fair`, `Kofi ${surname} built a solar oven.`);
    expect((await anonymize(bySurname.id, `Kofi ${surname}`, "[name removed]")).slug).toBe("name-removed-wins-the-science-fair");

    const unnamed = await published(`Science fair draws a crowd ${uniq()}`, `Ama ${surname}x judged the entries.`);
    expect(await anonymize(unnamed.id, `Ama ${surname}x`)).toEqual({ slug: unnamed.slug });
    expect(await findPublishedArticle({ slug: unnamed.slug })).toMatchObject({ id: unnamed.id });
  });
});

describe("a takedown decision is one transaction", () => {
  it("changes nothing when recording the decision fails half-way: the story stays up, no history, no audit", async () => {
    const story = await published(`Parking lot flooding ${uniq()}`, "Students waded to class.");
    const request = await recordTakedownRequest({ actor: asEditor, articleId: story.id, input: { requesterName: "A parent", requesterContact: "", reason: "Please remove." } });
    // A real failure of the database while the decision is written: this request refuses updates.
    const restore = await failUpdatesOf("TakedownRequest", request.id);
    try {
      await expect(decideTakedown({ actor: asAdviser, articleId: story.id, requestId: request.id, input: { decision: "UNPUBLISH", decisionReason: "Safety." } })).rejects.toThrow();
    } finally {
      await restore();
    }
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { status: true } })).toEqual({ status: "PUBLISHED" });
    expect(await db.transition.count({ where: { articleId: story.id, action: "unpublish" } })).toBe(0);
    expect(await db.auditLog.count({ where: { subject: story.id, action: { in: ["article.unpublish", "takedown.unpublish"] } } })).toBe(0);
    expect(await db.takedownRequest.findUniqueOrThrow({ where: { id: request.id }, select: { decision: true } })).toEqual({ decision: null });
    // Once the failure is gone, the same decision goes through whole.
    await decideTakedown({ actor: asAdviser, articleId: story.id, requestId: request.id, input: { decision: "UNPUBLISH", decisionReason: "Safety." } });
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { status: true } })).toEqual({ status: "UNPUBLISHED" });
    expect(await db.auditLog.count({ where: { subject: story.id, action: { in: ["article.unpublish", "takedown.unpublish"] } } })).toBe(2);
  });

  it("a request is decided once, even by two advisers at the same moment", async () => {
    const story = await published(`Bus route change ${uniq()}`, "Route 9 moves.");
    const request = await recordTakedownRequest({ actor: asEditor, articleId: story.id, input: { requesterName: "A driver", requesterContact: "", reason: "Outdated." } });
    const results = await Promise.allSettled(
      ["KEEP", "NOINDEX"].map((decision) => decideTakedown({ actor: asAdviser, articleId: story.id, requestId: request.id, input: { decision: decision as "KEEP" | "NOINDEX", decisionReason: "Reviewed." } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.auditLog.count({ where: { subject: story.id, action: { in: ["takedown.keep", "takedown.noindex"] } } })).toBe(1);
  });
});

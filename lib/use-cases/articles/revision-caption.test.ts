// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, type TestUser, uniq } from "@/lib/testing/db";
import { addCorrection, createArticle, restoreRevision, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { findPublishedArticle } from "@/lib/data/articles";
import { db } from "@/lib/data/db";
import { findRevision, listRevisions } from "@/lib/data/revisions";

// Issue 11: a story's own lead-image caption is text readers see (it may name a minor), so the
// history records it with every revision, and a restore brings it back with the text.
let writer: TestUser, adviser: TestUser;
let asWriter: Actor, asAdviser: Actor;

beforeAll(async () => {
  [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asAdviser] = [writer, adviser].map((u) => actorFor(u));
  await setReviewPolicy("ADVISER_APPROVES");
});

/** A library photo with a caption of its own (the one a story without its own caption shows). */
function photo(name = "gate") {
  return db.media.create({
    data: { storageKey: `revcap-${uniq()}`, originalName: `${name}.jpg`, mimeType: "image/jpeg", width: 800, height: 600, bytes: 1, alt: `The school ${name}`, caption: `The school ${name}.`, credit: "Photo: Staff", uploadedById: adviser.userId },
  });
}

const version = (id: string) => db.article.findUniqueOrThrow({ where: { id }, select: { version: true } }).then((a) => a.version);
/** Newest first, as the history lists them. */
const revisionsOf = (id: string) => db.revision.findMany({ where: { articleId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
const captions = (id: string) => db.article.findUniqueOrThrow({ where: { id }, select: { leadImageCaption: true, draftLeadImageCaption: true } });

describe("revisions record the story's own lead-image caption", () => {
  it("on every kind of revision: edits (folded too), submit, approve, publish, a live story's working copy, publish_changes, a conflict and a correction", async () => {
    const gate = await photo();
    const story = await createArticle({ actor: asWriter, input: { headline: `Robotics ${uniq()}`, body: "<p>The team rebuilt the arm.</p>" } });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "create", leadImageCaption: null, leadImageId: null });

    const first = await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: gate.id, leadImageCaption: "Hana Park at the gate." } });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "edit", leadImageCaption: "Hana Park at the gate.", leadImageId: gate.id });
    // The same writer's next edit folds into that revision, caption included.
    const count = (await revisionsOf(story.id)).length;
    await updateArticle({ actor: asWriter, id: story.id, input: { version: first.version, leadImageCaption: "Hana Park at the east gate." } });
    const folded = await revisionsOf(story.id);
    expect(folded.length).toBe(count);
    expect(folded[0]).toMatchObject({ event: "edit", leadImageCaption: "Hana Park at the east gate." });

    for (const [actor, action] of [
      [asWriter, "submit"],
      [asAdviser, "approve"],
      [asAdviser, "publish"],
    ] as const) {
      await transitionArticle({ actor, id: story.id, input: { action } });
      expect((await revisionsOf(story.id))[0], action).toMatchObject({ event: action, leadImageCaption: "Hana Park at the east gate.", leadImageId: gate.id });
    }

    // A live story's edit is recorded as its working copy; readers still see the live caption.
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: await version(story.id), leadImageCaption: "The captain at the east gate." } });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "edit", leadImageCaption: "The captain at the east gate." });
    expect(await captions(story.id)).toEqual({ leadImageCaption: "Hana Park at the east gate.", draftLeadImageCaption: "The captain at the east gate." });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "publish_changes", leadImageCaption: "The captain at the east gate.", leadImageId: gate.id });

    // A save based on an old version is kept as a conflict revision, with the caption it sent.
    await expect(updateArticle({ actor: asAdviser, id: story.id, input: { version: 1, leadImageCaption: "A stale caption." } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "conflict", leadImageCaption: "A stale caption.", leadImageId: gate.id });
    // A stale save that drops the photo would have dropped its caption too.
    await expect(updateArticle({ actor: asAdviser, id: story.id, input: { version: 1, leadImageId: null } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "conflict", leadImageCaption: null, leadImageId: null });

    // A correction's revision is of the live story.
    await addCorrection({ actor: asAdviser, articleId: story.id, input: { body: "An earlier version misspelled the team's name." } });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "correction", leadImageCaption: "The captain at the east gate.", leadImageId: gate.id });

    // The revisions view and API show it.
    const listed = await listRevisions({ actor: asWriter, articleId: story.id });
    expect(listed.find((r) => r.event === "publish")).toMatchObject({ leadImageCaption: "Hana Park at the east gate.", leadImageId: gate.id });
    expect(listed.find((r) => r.event === "create")).toMatchObject({ leadImageCaption: null, leadImageId: null });
    const one = await findRevision({ actor: asWriter, articleId: story.id, revisionId: listed.find((r) => r.event === "publish_changes")!.id });
    expect(one).toMatchObject({ leadImageCaption: "The captain at the east gate.", leadImageId: gate.id });
  }, 60_000);
});

describe("restoring a revision brings back its caption", () => {
  /** Ten minutes on from the last call: each save its own revision (no folding), newest last. */
  let clock = Date.now();
  const tick = () => new Date((clock += 10 * 60_000));

  it("on a draft: the revision's caption, or none when it had none of its own (null), and the restore records it", async () => {
    const gate = await photo();
    const story = await createArticle({ actor: asWriter, input: { headline: `Library hours ${uniq()}`, body: "<p>Open until nine.</p>" }, now: tick() });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: gate.id }, now: tick() });
    const [noCaption] = await revisionsOf(story.id);
    expect(noCaption).toMatchObject({ leadImageCaption: null, leadImageId: gate.id });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: await version(story.id), body: "<p>Open until ten.</p>", leadImageCaption: "The librarian, Ms Ito, at the gate." }, now: tick() });
    const [withCaption] = await revisionsOf(story.id);
    await updateArticle({ actor: asWriter, id: story.id, input: { version: await version(story.id), body: "<p>Open until eleven.</p>", leadImageCaption: "Students at the gate." }, now: tick() });

    await restoreRevision({ actor: asWriter, articleId: story.id, revisionId: withCaption!.id, input: { version: await version(story.id) }, now: tick() });
    expect((await captions(story.id)).leadImageCaption).toBe("The librarian, Ms Ito, at the gate.");
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "restore", leadImageCaption: "The librarian, Ms Ito, at the gate.", bodyText: "Open until ten." });

    // null: the revision had no caption of its own, so neither has the restored story (the library's shows).
    await restoreRevision({ actor: asWriter, articleId: story.id, revisionId: noCaption!.id, input: { version: await version(story.id) }, now: tick() });
    expect((await captions(story.id)).leadImageCaption).toBeNull();
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "restore", leadImageCaption: null, leadImageId: gate.id });
  }, 60_000);

  it("on a live story: into the working copy with the text, readers keep the live caption until Publish changes", async () => {
    const gate = await photo();
    const story = await createArticle({ actor: asWriter, input: { headline: `Harvest ${uniq()}`, body: "<p>The harvest festival.</p>" }, now: tick() });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: gate.id, leadImageCaption: "Volunteers at the gate." }, now: tick() });
    const [old] = await revisionsOf(story.id);
    await updateArticle({ actor: asWriter, id: story.id, input: { version: await version(story.id), leadImageCaption: "Ms Ito's class at the gate." }, now: tick() });
    await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" }, now: tick() });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" }, now: tick() });
    const live = await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" }, now: tick() });

    const restored = await restoreRevision({ actor: asAdviser, articleId: story.id, revisionId: old!.id, input: { version: live.version }, now: tick() });
    expect(restored).toMatchObject({ pendingChanges: true, leadImage: { caption: "Volunteers at the gate." }, live: { leadImage: { caption: "Ms Ito's class at the gate." } } });
    expect(await captions(story.id)).toEqual({ leadImageCaption: "Ms Ito's class at the gate.", draftLeadImageCaption: "Volunteers at the gate." });
    expect((await findPublishedArticle({ slug: live.slug }))?.leadImage?.caption).toBe("Ms Ito's class at the gate.");
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "restore", leadImageCaption: "Volunteers at the gate." });
  }, 60_000);

  it("leaves the caption as it is when the story has another photo now", async () => {
    const [gate, lab] = await Promise.all([photo("gate"), photo("lab")]);
    const story = await createArticle({ actor: asWriter, input: { headline: `Science fair ${uniq()}`, body: "<p>The fair opens.</p>" }, now: tick() });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: gate.id, leadImageCaption: "Judges at the gate." }, now: tick() });
    const [atGate] = await revisionsOf(story.id);
    await updateArticle({ actor: asWriter, id: story.id, input: { version: await version(story.id), body: "<p>The fair opened.</p>", leadImageId: lab.id, leadImageCaption: "Finalists in the lab." }, now: tick() });

    // The gate's caption would be wrong under the lab photo: the text comes back, the caption stays.
    await restoreRevision({ actor: asWriter, articleId: story.id, revisionId: atGate!.id, input: { version: await version(story.id) }, now: tick() });
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyText: true, leadImageId: true, leadImageCaption: true } })).toEqual({ bodyText: "The fair opens.", leadImageId: lab.id, leadImageCaption: "Finalists in the lab." });
    expect((await revisionsOf(story.id))[0]).toMatchObject({ event: "restore", leadImageCaption: "Finalists in the lab.", leadImageId: lab.id });
  }, 60_000);

  it("leaves the caption as it is when the revision is from before captions were recorded (it names no photo)", async () => {
    const gate = await photo();
    const story = await createArticle({ actor: asWriter, input: { headline: `Debate club ${uniq()}`, body: "<p>The club meets on Fridays.</p>" }, now: tick() });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, leadImageId: gate.id, leadImageCaption: "The debaters at the gate." }, now: tick() });
    const [old] = await revisionsOf(story.id);
    // As the migration left every earlier revision: neither column recorded.
    await db.revision.update({ where: { id: old!.id }, data: { leadImageCaption: null, leadImageId: null } });
    await updateArticle({ actor: asWriter, id: story.id, input: { version: await version(story.id), body: "<p>The club meets on Thursdays.</p>" }, now: tick() });

    await restoreRevision({ actor: asWriter, articleId: story.id, revisionId: old!.id, input: { version: await version(story.id) }, now: tick() });
    expect(await db.article.findUniqueOrThrow({ where: { id: story.id }, select: { bodyText: true, leadImageId: true, leadImageCaption: true } })).toEqual({ bodyText: "The club meets on Fridays.", leadImageId: gate.id, leadImageCaption: "The debaters at the gate." });
  }, 60_000);
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, TEST_PASSWORD, type TestUser, uniq } from "@/lib/testing/db";
import { createArticle, createStaff, setPenNameApproval, transitionArticle, updateOwnProfile } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { findAuthorBySlug, listAuthorSlugs, listMasthead } from "@/lib/data/people";
import { getPublication } from "@/lib/data/publication";
import { slugify } from "@/lib/domain/slug";
import { createStaff as createStaffUseCase } from "./create-staff";
import { updatePublicationSettings } from "../settings/update-publication-settings";

let adviser: TestUser;
beforeAll(async () => {
  adviser = await createTestUser({ role: "ADVISER" });
  await setReviewPolicy("ADVISER_APPROVES");
});

/** A writer made the way the staff page makes one, so the slug comes from the real rule. */
async function writer(fullName: string): Promise<TestUser> {
  const email = `w-${uniq()}@test.example`;
  const user = await createStaff({ actor: actorFor(adviser), input: { fullName, email, role: "WRITER", password: TEST_PASSWORD, graduationYear: "" } });
  const { personId } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { personId: true } });
  return { userId: user.id, personId, email, fullName, role: "WRITER" };
}

async function publishStoryBy(author: TestUser) {
  const story = await createArticle({ actor: actorFor(author), input: { headline: `By a pen name ${uniq()}`, dek: "", body: "<p>Words.</p>" } });
  await transitionArticle({ actor: actorFor(author), id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "approve" } });
  await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "publish" } });
}

const slugOf = async (personId: string) => (await db.person.findUniqueOrThrow({ where: { id: personId }, select: { slug: true } })).slug;
const mastheadSlugs = async () => (await listMasthead()).flatMap((g) => g.people.map((p) => p.slug));

describe("author slugs follow the public name", () => {
  it("moves a pen-named writer's author page to the pen name; the legal-name address answers nothing", async () => {
    const surname = `Lee${uniq()}`;
    const penName = `Quill ${uniq()}`;
    const w = await writer(`Seo-yeon ${surname}`);
    await publishStoryBy(w);
    const legalSlug = await slugOf(w.personId);
    expect(legalSlug).toContain(surname.toLowerCase()); // the publication shows full names by default
    expect(await findAuthorBySlug({ slug: legalSlug })).not.toBeNull();

    await updateOwnProfile({ actor: actorFor(w), input: { bio: "", nameDisplay: "PEN_NAME", penName } });
    // Awaiting approval, the byline shows "Seo-yeon L.", and so does the address.
    const waiting = await slugOf(w.personId);
    expect(waiting).not.toContain(surname.toLowerCase());
    expect(await findAuthorBySlug({ slug: legalSlug })).toBeNull();

    await setPenNameApproval({ actor: actorFor(adviser), input: { personId: w.personId, approved: "true" } });
    const penSlug = await slugOf(w.personId);
    expect(penSlug).toBe(slugify(penName));
    expect(await findAuthorBySlug({ slug: penSlug })).toMatchObject({ name: penName, published: 1 });
    expect(await findAuthorBySlug({ slug: legalSlug })).toBeNull();
    expect(await findAuthorBySlug({ slug: waiting })).toBeNull();
    const sitemap = (await listAuthorSlugs()).map((a) => a.slug);
    expect(sitemap).toContain(penSlug);
    expect(sitemap.filter((s) => s.includes(surname.toLowerCase()))).toEqual([]);
    expect(await mastheadSlugs()).toContain(penSlug);
    expect((await mastheadSlugs()).filter((s) => s.includes(surname.toLowerCase()))).toEqual([]);

    // Withdrawn approval: back to the initial, and the pen-name address answers nothing.
    await setPenNameApproval({ actor: actorFor(adviser), input: { personId: w.personId, approved: "false" } });
    expect(await slugOf(w.personId)).toBe(waiting);
    expect(await findAuthorBySlug({ slug: penSlug })).toBeNull();
  });

  it("keeps slugs unique when two people share a public name, and keeps a slug that already fits", async () => {
    const penName = `Quill ${uniq()}`;
    const [a, b] = [await writer(`Ana ${uniq()}`), await writer(`Ben ${uniq()}`)];
    for (const w of [a, b]) {
      await updateOwnProfile({ actor: actorFor(w), input: { bio: "", nameDisplay: "PEN_NAME", penName } });
      await setPenNameApproval({ actor: actorFor(adviser), input: { personId: w.personId, approved: "true" } });
    }
    const base = slugify(penName);
    expect([await slugOf(a.personId), await slugOf(b.personId)]).toEqual([base, `${base}-2`]);
    await updateOwnProfile({ actor: actorFor(b), input: { bio: "New bio.", nameDisplay: "PEN_NAME", penName } });
    expect(await slugOf(b.personId)).toBe(`${base}-2`);
  });

  it("follows a new publication default, for new staff and for everyone who uses the default", async () => {
    const surname = `Kim${uniq()}`;
    const w = await writer(`Minji ${surname}`);
    const current = await getPublication();
    expect(current.nameDisplayDefault).toBe("FULL"); // the test database's default
    const settings = { name: current.name, tagline: current.tagline, timeZone: current.timeZone, reviewPolicy: current.reviewPolicy };
    // Inside a transaction that is rolled back: other test files share the publication row.
    const rollback = new Error("rolled back on purpose");
    await expect(
      db.$transaction(async (tx) => {
        await updatePublicationSettings({ actor: actorFor(adviser), input: { ...settings, nameDisplayDefault: "FIRST_LAST_INITIAL" }, tx });
        const after = (await tx.person.findUniqueOrThrow({ where: { id: w.personId }, select: { slug: true } })).slug;
        expect(after).not.toContain(surname.toLowerCase());
        expect(after).toMatch(/^minji-k(-\d+)?$/);
        const made = await createStaffUseCase({ actor: actorFor(adviser), input: { fullName: `Jun ${surname}`, email: `j-${uniq()}@test.example`, role: "WRITER", password: TEST_PASSWORD, graduationYear: "" }, tx });
        const slug = (await tx.user.findUniqueOrThrow({ where: { id: made.data.id }, select: { person: { select: { slug: true } } } })).person.slug;
        expect(slug).toMatch(/^jun-k(-\d+)?$/);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});

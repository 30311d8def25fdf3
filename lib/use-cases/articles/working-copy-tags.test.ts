// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, setReviewPolicy, uniq } from "@/lib/testing/db";
import { createArticle, transitionArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import { generateMetadata as tagPageMetadata } from "@/app/(public)/tags/[slug]/page";
import { GET as sitemapFile } from "@/app/sitemaps/[file]/route";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { findListingPage } from "@/lib/data/public";
import { findTag } from "@/lib/data/sections";

// Issue 11: a tag typed into a story (a live story's working copy, or a draft) is a Tag row at
// once, but it is public only once a live story carries it, and it goes when nothing carries it.
let asWriter: Actor, asAdviser: Actor;

beforeAll(async () => {
  const [writer, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "ADVISER" })]);
  [asWriter, asAdviser] = [actorFor(writer), actorFor(adviser)];
  await setReviewPolicy("ADVISER_APPROVES");
});

async function published(tags?: string[]) {
  const story = await createArticle({ actor: asWriter, input: { headline: `Aleppo ${uniq()}`, body: "<p>The live text.</p>", ...(tags ? { tags } : {}) } });
  await transitionArticle({ actor: asWriter, id: story.id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "approve" } });
  return transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish" } });
}

/** A tag name nobody has used, and the slug it gets. */
function newTag() {
  const word = `Zqtag${uniq().replace(/[^a-z0-9]/gi, "")}`;
  return { name: word, slug: word.toLowerCase() };
}

/** Everything a reader (or a crawler) could learn about the tag `slug` called `name`. */
async function publicTag(slug: string, name: string) {
  const tag = await findTag({ slug });
  const metadata = await tagPageMetadata({ params: Promise.resolve({ slug }) });
  const listing = tag ? await findListingPage({ tagId: tag.id }, 1) : null;
  const sitemap = await (await sitemapFile(new Request("http://localhost/sitemaps/pages.xml"), { params: Promise.resolve({ file: "pages.xml" }) })).text();
  return {
    found: tag !== null,
    titleNamesIt: String(metadata.title ?? "").includes(name),
    stories: listing?.cards.map((c) => c.slug) ?? [],
    inSitemap: sitemap.includes(`/tags/${slug}`) || sitemap.includes(name),
  };
}

const HIDDEN = { found: false, titleNamesIt: false, stories: [], inSitemap: false };

async function tagRow(slug: string) {
  return db.tag.findUnique({ where: { slug } });
}

describe("a new tag typed into a live story's working copy", () => {
  it("is not public: no tag page (not even its title), not in the sitemap", async () => {
    const story = await published();
    const tag = newTag();
    const saved = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    expect(saved).toMatchObject({ pendingChanges: true, tags: [{ name: tag.name }], live: { tags: [] } });
    expect(await publicTag(tag.slug, tag.name)).toEqual(HIDDEN);
  });

  it("is gone once the working copy is discarded", async () => {
    const story = await published();
    const tag = newTag();
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    expect(await tagRow(tag.slug)).not.toBeNull();
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
    expect(await tagRow(tag.slug)).toBeNull();
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect(await publicTag(tag.slug, tag.name)).toEqual(HIDDEN);
  });

  it("is gone once a later save removes it, while the rest of the working copy stays pending", async () => {
    const story = await published();
    const tag = newTag();
    const tagged = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, dek: "A new dek.", tags: [tag.name] } });
    const untagged = await updateArticle({ actor: asAdviser, id: story.id, input: { version: tagged.version, tags: [] } });
    expect(untagged).toMatchObject({ pendingChanges: true, dek: "A new dek.", tags: [] });
    expect(await tagRow(tag.slug)).toBeNull();
  });

  it("is gone once a save takes the working copy back to what readers see", async () => {
    const story = await published();
    const tag = newTag();
    const tagged = await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    const back = await updateArticle({ actor: asAdviser, id: story.id, input: { version: tagged.version, tags: [] } });
    expect(back.pendingChanges).toBe(false);
    expect(await tagRow(tag.slug)).toBeNull();
  });

  it("goes public with Publish changes: the tag page lists the story", async () => {
    const story = await published();
    const tag = newTag();
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(await publicTag(tag.slug, tag.name)).toEqual({ found: true, titleNamesIt: true, stories: [story.slug], inSitemap: false });
  });

  it("that another story already carries stays when this working copy is discarded", async () => {
    const tag = newTag();
    const other = await published([tag.name]);
    const story = await published();
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
    expect(await tagRow(tag.slug)).not.toBeNull();
    expect((await publicTag(tag.slug, tag.name)).stories).toEqual([other.slug]);
  });
});

describe("a live tag", () => {
  it("that Publish changes drops, and no other story carries, is gone; its tag page with it", async () => {
    const tag = newTag();
    const story = await published([tag.name]);
    expect((await publicTag(tag.slug, tag.name)).stories).toEqual([story.slug]);
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [] } });
    // Until the changes are published, readers still see the story under its tag.
    expect((await publicTag(tag.slug, tag.name)).stories).toEqual([story.slug]);
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect(await tagRow(tag.slug)).toBeNull();
    expect(await publicTag(tag.slug, tag.name)).toEqual(HIDDEN);
  });

  it("that one story drops stays while another story carries it", async () => {
    const tag = newTag();
    const story = await published([tag.name]);
    const other = await published([tag.name]);
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [] } });
    await transitionArticle({ actor: asAdviser, id: story.id, input: { action: "publish_changes" } });
    expect((await publicTag(tag.slug, tag.name)).stories).toEqual([other.slug]);
  });
});

describe("a draft's tag", () => {
  it("is not public while only drafts carry it", async () => {
    const tag = newTag();
    await createArticle({ actor: asWriter, input: { headline: `Draft ${uniq()}`, body: "<p>Words.</p>", tags: [tag.name] } });
    expect(await tagRow(tag.slug)).not.toBeNull();
    expect(await publicTag(tag.slug, tag.name)).toEqual(HIDDEN);
  });

  it("is gone once the draft drops it, unless another story carries it", async () => {
    const [lonely, shared] = [newTag(), newTag()];
    const kept = await createArticle({ actor: asWriter, input: { headline: `Draft ${uniq()}`, body: "<p>Words.</p>", tags: [shared.name] } });
    const draft = await createArticle({ actor: asWriter, input: { headline: `Draft ${uniq()}`, body: "<p>Words.</p>", tags: [lonely.name, shared.name] } });
    const saved = await updateArticle({ actor: asWriter, id: draft.id, input: { version: draft.version, tags: [] } });
    expect(saved.tags).toEqual([]);
    expect(await tagRow(lonely.slug)).toBeNull();
    expect(await db.articleTag.count({ where: { articleId: kept.id, tag: { slug: shared.slug } } })).toBe(1);
  });
});

describe("a tag let go of by one story while another takes it up", () => {
  it("stays, with the other story's tag, when the second save commits first", async () => {
    const story = await published();
    const tag = newTag();
    await updateArticle({ actor: asAdviser, id: story.id, input: { version: story.version, tags: [tag.name] } });
    const other = await createArticle({ actor: asWriter, input: { headline: `Draft ${uniq()}`, body: "<p>Words.</p>" } });
    const { id: tagId } = await db.tag.findUniqueOrThrow({ where: { slug: tag.slug } });
    let discard: Promise<unknown> | undefined;
    // The other story's save has tagged it but not committed when Discard changes looks.
    await db.$transaction(async (tx) => {
      await tx.articleTag.create({ data: { articleId: other.id, tagId } });
      discard = transitionArticle({ actor: asAdviser, id: story.id, input: { action: "discard_changes" } });
      await new Promise((resolve) => setTimeout(resolve, 700));
    });
    await discard;
    expect(await db.articleDraftTag.count({ where: { articleId: story.id } })).toBe(0);
    expect(await tagRow(tag.slug)).not.toBeNull();
    expect(await db.articleTag.count({ where: { articleId: other.id, tagId } })).toBe(1);
  });
});

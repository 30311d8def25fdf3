// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestSection, createTestUser, uniq } from "@/lib/testing/db";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createArticle, transitionArticle, updateArticle, updateMedia, uploadMedia } from "@/lib/testing/use-cases";
import { findPublishedArticle, liveArticleInclude, toArticleDto } from "./articles";
import { correctionsSql } from "./corrections";
import { db } from "./db";
import { findCardImages, findLiveStoryRows, liveStoriesSql, toStoryCards } from "./public";
import { getPublication } from "./publication";
import { onPostgres, queryPlan } from "@/lib/testing/query-plan";
import { searchPublished } from "./search";

let asWriter: Actor, asAdviser: Actor;

beforeAll(async () => {
  asWriter = actorFor(await createTestUser({ role: "WRITER" }));
  asAdviser = actorFor(await createTestUser({ role: "ADVISER" }));
});

async function publish(id: string) {
  await transitionArticle({ actor: asWriter, id, input: { action: "submit" } });
  await transitionArticle({ actor: asAdviser, id, input: { action: "approve" } });
  await transitionArticle({ actor: asAdviser, id, input: { action: "publish" } });
}

async function photo(alt: string) {
  const data = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 140 } } }).jpeg().toBuffer();
  const [media] = await uploadMedia({ actor: asWriter, input: { files: [{ name: `card-${uniq()}.jpg`, data }] } });
  await updateMedia({ actor: asWriter, id: media!.id, input: { alt, caption: "", credit: "" } });
  return media!;
}

const story = (body: string) => createArticle({ actor: asWriter, input: { headline: `Card ${uniq()}`, dek: "", body } });

describe("card photos", () => {
  it("use the lead image, else the body's first figure (with that figure's alt text), else none", async () => {
    const lead = await photo("The lead photo");
    const inline = await photo("The library's own description");
    const draft = await story("<p>Words.</p>");
    const withLead = await updateArticle({ actor: asWriter, id: draft.id, input: { leadImageId: lead.id, version: draft.version } });
    const withFigure = await story(`<p>Before.</p><figure data-media-id="${inline.id}"><img src="${inline.urls.src}" alt="Students &amp; teachers at the gate"></figure>`);
    const textOnly = await story("<p>Only words.</p>");

    const images = await findCardImages([withLead, withFigure, textOnly]);
    expect(images.get(withLead.id)).toMatchObject({ alt: "The lead photo", width: 1024, height: 683 });
    expect(images.get(withLead.id)?.srcSetWebp).toMatch(/^\/media\/\S+ 320w, \/media\/\S+ 640w, \/media\/\S+ 1024w$/);
    expect(images.get(withLead.id)?.srcSetAvif).toContain("1024w");
    expect(images.get(withFigure.id)).toMatchObject({ alt: "Students & teachers at the gate" });
    expect(images.get(withFigure.id)?.src).toMatch(/^\/media\//);
    expect(images.has(textOnly.id)).toBe(false);

    const cards = await toStoryCards([withLead, textOnly]);
    expect(cards.map((c) => c.image?.alt ?? null)).toEqual(["The lead photo", null]);
  });

  it("take the lead image from the listing's own row: no second read of the story", async () => {
    // The id names no story at all: the photo can only have come from the row passed in.
    const lead = await photo("Already loaded");
    const images = await findCardImages([{ id: `no-such-story-${uniq()}`, leadImage: { alt: "Already loaded", urls: lead.urls } }]);
    expect([...images.values()].map((i) => ({ alt: i.alt, src: i.src }))).toEqual([{ alt: "Already loaded", src: lead.urls.src }]);
  });

  it("search hits carry their lead image", async () => {
    const lead = await photo("Search lead");
    const word = `zq${uniq()}`;
    const draft = await story(`<p>The ${word} story.</p>`);
    await updateArticle({ actor: asWriter, id: draft.id, input: { leadImageId: lead.id, version: draft.version } });
    await publish(draft.id);
    const { hits } = await searchPublished({ q: word });
    expect(hits.map((h) => [h.id, h.leadImage?.alt, h.leadImage?.urls.src])).toEqual([[draft.id, "Search lead", lead.urls.src]]);
    expect((await findCardImages(hits)).get(draft.id)?.alt).toBe("Search lead");
  });
});

describe("a published story read with plain SQL (findLiveStoryRows)", () => {
  it("is exactly what Prisma's include gives, and a story readers cannot see is not there", async () => {
    const section = await createTestSection();
    const coAuthor = await createTestUser({ role: "WRITER", fullName: "Mina Choi" });
    const lead = await photo("Students at the gate");
    const draft = await story("<p>Before.</p><p>After &amp; beyond.</p>");
    const saved = await updateArticle({
      actor: asWriter,
      id: draft.id,
      input: { version: draft.version, section: section.id, leadImageId: lead.id, tags: ["Zoning", "Board", "Élections"], coAuthorIds: [coAuthor.personId], dek: "A dek" },
    });
    expect(await findPublishedArticle({ slug: saved.slug }), "a draft").toBeNull();
    await publish(draft.id);

    const viaPrisma = await db.article.findFirstOrThrow({ where: { id: draft.id }, include: liveArticleInclude });
    const expected = toArticleDto(viaPrisma, await getPublication());
    const got = await findPublishedArticle({ slug: viaPrisma.slug });
    expect(got).toEqual(expected);
    expect(got?.tags.map((t) => t.name)).toEqual(["Board", "Zoning", "Élections"]);
    expect(got?.authors.map((a) => a.name)).toHaveLength(2);
    const [row] = await findLiveStoryRows({ ids: [draft.id, "no-such-story"] });
    expect(toArticleDto(row!, await getPublication())).toEqual(expected);

    await transitionArticle({ actor: asAdviser, id: draft.id, input: { action: "unpublish", note: "Taking it down" } });
    expect(await findLiveStoryRows({ ids: [draft.id] }), "unpublished").toEqual([]);
    expect(await findPublishedArticle({ slug: viaPrisma.slug }), "unpublished").toBeNull();
  });

  it("reads the story by its slug index and its tags and bylines by key", async () => {
    const sql = liveStoriesSql({ slug: "a-slug" });
    const statements = [sql.stories, sql.tags(["a", "b"]), sql.bylines(["a", "b"]), correctionsSql("a")];
    for (const statement of statements) {
      const plan = await queryPlan(statement);
      if (onPostgres) {
        expect(plan).not.toMatch(/Seq Scan on "?(Article|ArticleTag|ArticleAuthor|Tag|Person|Section|Media|Correction)"?\s/);
      } else {
        expect(plan).not.toMatch(/^SCAN (a|tg|aa|p|t|Correction)\b/m);
        // A story's few tags are sorted by name in memory; its corrections come in index order.
        if (statement === statements[3]) expect(plan, "corrections come in index order").not.toMatch(/TEMP B-TREE/);
      }
    }
  });
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq } from "@/lib/testing/db";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { createArticle, updateArticle, updateMedia, uploadMedia } from "@/lib/testing/use-cases";
import { findCardImages, toStoryCards } from "./public";

let asWriter: Actor;

beforeAll(async () => {
  asWriter = actorFor(await createTestUser({ role: "WRITER" }));
});

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
    const withLead = await story("<p>Words.</p>");
    await updateArticle({ actor: asWriter, id: withLead.id, input: { leadImageId: lead.id, version: withLead.version } });
    const withFigure = await story(`<p>Before.</p><figure data-media-id="${inline.id}"><img src="${inline.urls.src}" alt="Students &amp; teachers at the gate"></figure>`);
    const textOnly = await story("<p>Only words.</p>");

    const images = await findCardImages([withLead.id, withFigure.id, textOnly.id]);
    expect(images.get(withLead.id)).toMatchObject({ alt: "The lead photo", width: 1024, height: 683 });
    expect(images.get(withLead.id)?.srcSetWebp).toMatch(/^\/media\/\S+ 320w, \/media\/\S+ 640w, \/media\/\S+ 1024w$/);
    expect(images.get(withLead.id)?.srcSetAvif).toContain("1024w");
    expect(images.get(withFigure.id)).toMatchObject({ alt: "Students & teachers at the gate" });
    expect(images.get(withFigure.id)?.src).toMatch(/^\/media\//);
    expect(images.has(textOnly.id)).toBe(false);

    const cards = await toStoryCards([withLead, textOnly]);
    expect(cards.map((c) => c.image?.alt ?? null)).toEqual(["The lead photo", null]);
  });
});

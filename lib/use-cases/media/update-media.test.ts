// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { createArticle, uploadMedia } from "@/lib/testing/use-cases";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { STATUS } from "@/lib/domain/workflow";
import { updateMedia } from "./update-media";

const png = () => sharp({ create: { width: 64, height: 48, channels: 3, background: "#884422" } }).png().toBuffer();

describe("updateMedia's effects", () => {
  it("refreshes the reader site only when a public story shows the image", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const actor = actorFor(writer);
    const [media] = await uploadMedia({ actor, input: { files: [{ name: "lead.png", data: await png() }] } });
    // Inside a caller's transaction the effects come back unapplied, so they can be read.
    const effectsOf = (alt: string) => db.$transaction(async (tx) => (await updateMedia({ actor, id: media!.id, input: { alt }, tx })).effects);

    expect((await effectsOf("In no story yet")).readerSiteChanged).toBe(false);
    const story = await createArticle({ actor, input: { headline: "A story with a photo", dek: "", body: "" } });
    await db.article.update({ where: { id: story.id }, data: { leadImageId: media!.id } });
    expect((await effectsOf("In a draft")).readerSiteChanged).toBe(false);
    await db.article.update({ where: { id: story.id }, data: { status: STATUS.PUBLISHED, publishedAt: new Date() } });
    expect((await effectsOf("In a published story")).readerSiteChanged).toBe(true);
    expect((await db.media.findUniqueOrThrow({ where: { id: media!.id } })).alt).toBe("In a published story");
  });

  it("answers canEdit from the policy: the uploader and editors, not another writer", async () => {
    const [writer, other, editor] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" })]);
    const [media] = await uploadMedia({ actor: actorFor(writer), input: { files: [{ name: "x.png", data: await png() }] } });
    expect(media!.canEdit).toBe(true);
    expect((await updateMedia({ actor: actorFor(editor), id: media!.id, input: { caption: "By the desk" } })).data.canEdit).toBe(true);
    await expect(updateMedia({ actor: actorFor(other), id: media!.id, input: { caption: "Mine now" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

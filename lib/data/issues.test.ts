import { actorFor, createTestUser, uniq, withSecondInstance } from "@/lib/testing/db";
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { createArticle, createIssue, createVolume, setArticleIssue, transitionArticle, uploadMedia } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { renderIssuePdf } from "@/lib/pdf/issue-pdf";
import { db } from "./db";
import { buildIssuePdfData, findPublicIssue } from "./issues"

/** A volume number nobody uses yet, within what the volume form accepts (1 to 100,000). */
async function unusedVolumeNumber(): Promise<number> {
  for (;;) {
    const number = 1000 + Math.floor(Math.random() * 99_000);
    if (!(await db.volume.findUnique({ where: { number }, select: { id: true } }))) return number;
  }
}

describe("issues and the print PDF", () => {
  it("puts published stories of an issue into a PDF with headline and byline, and leaves drafts out", async () => {
    const writer = await createTestUser({ role: "WRITER", fullName: `Jaehoon Song ${uniq()}` });
    const adviser = await createTestUser({ role: "ADVISER" });
    const a = actorFor(adviser);
    const volume = await createVolume({ actor: a, input: { number: await unusedVolumeNumber(), label: "Volume T", startsOn: new Date("2026-08-01"), endsOn: new Date("2027-07-31") } });
    const issue = await createIssue({ actor: a, input: { volumeId: volume.id, number: 1, title: "Test issue", publishedOn: new Date("2026-11-20") } });
    const headline = `Syrian insurgents enter Aleppo ${uniq()}`;
    const story = await createArticle({ actor: actorFor(writer), input: { headline, dek: "", body: "<p>Syrian opposition forces have entered Aleppo.</p>" } });
    const draft = await createArticle({ actor: actorFor(writer), input: { headline: `Draft only ${uniq()}`, dek: "", body: "<p>x</p>" } });
    for (const action of ["submit", "approve", "publish"] as const) {
      await transitionArticle({ actor: action === "submit" ? actorFor(writer) : a, id: story.id, input: { action } });
    }
    await setArticleIssue({ actor: a, input: { articleId: story.id, issueId: issue.id } });
    await setArticleIssue({ actor: a, input: { articleId: draft.id, issueId: issue.id } });

    const found = await findPublicIssue({ slug: issue.slug });
    expect(found?.articles.map((x) => x.headline)).toEqual([headline]);
    const data = await buildIssuePdfData({ slug: issue.slug });
    const pdf = await renderIssuePdf(data!);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain(headline);
    expect(text).toContain(writer.fullName);
    expect(text).toContain("Test issue");
    expect(text).not.toContain(draft.headline);
  });

  it("prints a story's lead photo from the database, on any instance", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const a = actorFor(await createTestUser({ role: "ADVISER" }));
    const volume = await createVolume({ actor: a, input: { number: await unusedVolumeNumber(), label: "Volume P", startsOn: new Date("2026-08-01"), endsOn: new Date("2027-07-31") } });
    const issue = await createIssue({ actor: a, input: { volumeId: volume.id, number: 1, title: "Photo issue", publishedOn: new Date("2026-11-20") } });
    const jpeg = await sharp({ create: { width: 500, height: 300, channels: 3, background: "#aa6633" } }).jpeg().toBuffer();
    const [photo] = await uploadMedia({ actor: actorFor(writer), input: { files: [{ name: "lead.jpg", data: jpeg }] } });
    await db.media.update({ where: { id: photo!.id }, data: { alt: "Lead photo", caption: "A photo from the library.", credit: "Pixabay" } });
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `With a photo ${uniq()}`, dek: "", body: "<p>Text.</p>" } });
    // The story's own caption for the photo is the one printed, not the library's.
    await db.article.update({ where: { id: story.id }, data: { leadImageId: photo!.id, leadImageCaption: "This story's own caption." } });
    for (const action of ["submit", "approve", "publish"] as const) await transitionArticle({ actor: action === "submit" ? actorFor(writer) : a, id: story.id, input: { action } });
    await setArticleIssue({ actor: a, input: { articleId: story.id, issueId: issue.id } });

    const stored = await db.mediaFile.findUniqueOrThrow({ where: { key: photo!.urls.src.replace(/^\/media\//, "") } });
    const data = await withSecondInstance(() => import("./issues"), (two) => two.buildIssuePdfData({ slug: issue.slug }));
    expect(data!.stories[0]!.image).toMatchObject({ caption: "This story's own caption.", credit: "Pixabay", alt: "Lead photo" });
    expect(data!.stories[0]!.image!.data.equals(Buffer.from(stored.data))).toBe(true);
    const pdf = await renderIssuePdf(data!);
    expect(pdf.includes(Buffer.from("/Subtype /Image"))).toBe(true);
  });

  it("refuses writers and duplicate numbers", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    await expect(createVolume({ actor: actorFor(writer), input: { number: 5, label: "x", startsOn: new Date(), endsOn: new Date() } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const adviser = actorFor(await createTestUser({ role: "ADVISER" }));
    const n = await unusedVolumeNumber();
    await createVolume({ actor: adviser, input: { number: n, label: "V", startsOn: new Date(), endsOn: new Date() } });
    await expect(createVolume({ actor: adviser, input: { number: n, label: "V", startsOn: new Date(), endsOn: new Date() } })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db.volume.count({ where: { number: n } })).toBe(1);
  });
});

describe("planning volumes and issues", () => {
  it("is for those who plan issues: a writer's attempt is 404; each creation is in the audit log", async () => {
    const editor = await createTestUser({ role: "EDITOR" });
    const writer = await createTestUser({ role: "WRITER" });
    const number = await unusedVolumeNumber();
    // Through the form the fields arrive as text; the use case reads them the same way.
    const volume = await createVolume({ actor: actorFor(editor), input: { number: String(number), label: `Volume ${number}`, startsOn: "2026-08-01", endsOn: "2027-07-31" } });
    expect(volume).toMatchObject({ number, startsOn: new Date("2026-08-01T00:00:00Z") });
    const issue = await createIssue({ actor: actorFor(editor), input: { volumeId: volume.id, number: "1", title: "October", publishedOn: "" } });
    expect(issue).toMatchObject({ slug: `volume-${number}-issue-1`, publishedOn: null });
    await expect(createIssue({ actor: actorFor(writer), input: { volumeId: volume.id, number: "2", title: "November", publishedOn: "" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const audit = await db.auditLog.findMany({ where: { subject: { in: [volume.id, issue.id] } }, select: { action: true, actorId: true } });
    expect(audit.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: "issue.create", actorId: editor.userId },
      { action: "volume.create", actorId: editor.userId },
    ]);
    expect(await db.issue.count({ where: { volumeId: volume.id } })).toBe(1);
  });
});

describe("placing a story in an issue", () => {
  it("is 404 for an editor on a draft they cannot see, and changes nothing", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const editor = await createTestUser({ role: "EDITOR" });
    const adviser = await createTestUser({ role: "ADVISER" });
    const volume = await createVolume({ actor: actorFor(adviser), input: { number: await unusedVolumeNumber(), label: "Volume H", startsOn: new Date("2026-08-01"), endsOn: new Date("2027-07-31") } });
    const issue = await createIssue({ actor: actorFor(adviser), input: { volumeId: volume.id, number: 1, title: "Hidden test", publishedOn: null } });
    const hidden = await createArticle({ actor: actorFor(writer), input: { headline: `Private draft ${uniq()}`, dek: "", body: "<p>Not yet.</p>" } });
    await expect(setArticleIssue({ actor: actorFor(editor), input: { articleId: hidden.id, issueId: issue.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.article.findUniqueOrThrow({ where: { id: hidden.id }, select: { issueId: true } })).toEqual({ issueId: null });
    // Once submitted the editor sees it, may place it, and the placement is in the audit log.
    await transitionArticle({ actor: actorFor(writer), id: hidden.id, input: { action: "submit" } });
    await setArticleIssue({ actor: actorFor(editor), input: { articleId: hidden.id, issueId: issue.id } });
    expect(await db.auditLog.findFirstOrThrow({ where: { subject: hidden.id, action: "article.issue" }, select: { actorId: true } })).toEqual({ actorId: editor.userId });
    // A writer is refused outright (403: they may see their own story, not plan the paper).
    await expect(setArticleIssue({ actor: actorFor(writer), input: { articleId: hidden.id, issueId: null } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

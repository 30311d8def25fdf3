// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser } from "@/lib/testing/db";
import { createArticle, updateArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { db } from "@/lib/data/db";
import { AppError } from "@/lib/errors";

/** Issue 16: the editor may send the ProseMirror document itself; the server checks it against the schema, with no HTML parsing. */
let writer: TestUser;
let asWriter: Actor;

beforeAll(async () => {
  writer = await createTestUser({ role: "WRITER" });
  asWriter = actorFor(writer);
});

const HTML =
  '<h2>Exam week</h2><p>Grade 11 students sat <strong>five</strong> papers, said <a href="https://example.org/notice">the notice</a>.</p><p></p><ul><li><p>Maths</p></li><li><p>History</p></li></ul><blockquote><p>"We were ready," one said.</p></blockquote>';

async function refusal(bodyJson: unknown): Promise<AppError> {
  const story = await createArticle({ actor: asWriter, input: { headline: "Misfit", body: "<p>Kept as it was.</p>" } });
  const error = await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, bodyJson } }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  // Nothing saved: the story keeps its text and its version.
  const row = await db.article.findUniqueOrThrow({ where: { id: story.id } });
  expect(row.bodyText).toBe("Kept as it was.");
  expect(row.version).toBe(story.version);
  return error as AppError;
}

describe("a body sent as the editor's document (bodyJson)", () => {
  it("is stored exactly as the same story sent as HTML", async () => {
    const fromHtml = await createArticle({ actor: asWriter, input: { headline: "From HTML", body: "<p>x</p>" } });
    const savedHtml = await updateArticle({ actor: asWriter, id: fromHtml.id, input: { version: fromHtml.version, body: HTML } });
    const a = await db.article.findUniqueOrThrow({ where: { id: savedHtml.id } });

    // The editor's document for that HTML, with the blank paragraph the editor keeps while typing.
    const doc = JSON.parse(a.bodyJson) as { type: string; content: unknown[] };
    const editorDoc = { ...doc, content: [...doc.content.slice(0, 2), { type: "paragraph" }, ...doc.content.slice(2)] };
    const fromJson = await createArticle({ actor: asWriter, input: { headline: "From JSON", body: "<p>x</p>" } });
    const savedJson = await updateArticle({ actor: asWriter, id: fromJson.id, input: { version: fromJson.version, bodyJson: editorDoc } });
    const b = await db.article.findUniqueOrThrow({ where: { id: savedJson.id } });

    expect(b.bodyHtml).toBe(a.bodyHtml);
    expect(b.bodyJson).toBe(a.bodyJson);
    expect(b.bodyText).toBe(a.bodyText);
    expect(b.wordCount).toBe(a.wordCount);
    expect(a.bodyHtml).toContain("<h2>Exam week</h2>");
    expect(a.bodyHtml).toContain('href="https://example.org/notice"');
  });

  it("is refused with a 422 on the body field when a node is not in the schema", async () => {
    const error = await refusal({ type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] });
    expect(error.code).toBe("VALIDATION");
    expect(error.status).toBe(422);
    expect(error.fields?.body).toMatch(/does not fit the editor's format: Unknown node type: script/);
  });

  it("is refused when the nodes exist but are put together wrongly (text straight in the document, a heading in a paragraph)", async () => {
    const bare = await refusal({ type: "doc", content: [{ type: "text", text: "loose text" }] });
    expect(bare.fields?.body).toMatch(/does not fit the editor's format/);
    const nested = await refusal({ type: "doc", content: [{ type: "paragraph", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "x" }] }] }] });
    expect(nested.fields?.body).toMatch(/does not fit the editor's format/);
  });

  it("is refused when it is not a document, is nested absurdly deep, or comes with an HTML body too", async () => {
    expect((await refusal("<p>html in the wrong field</p>")).fields?.body).toMatch(/send a document object/);
    let deep: Record<string, unknown> = { type: "paragraph" };
    for (let i = 0; i < 500; i++) deep = { type: "blockquote", content: [deep] };
    expect((await refusal({ type: "doc", content: [deep] })).fields?.body).toMatch(/nested too deeply/);
    const story = await createArticle({ actor: asWriter, input: { headline: "Both", body: "<p>Kept.</p>" } });
    const both = await updateArticle({ actor: asWriter, id: story.id, input: { version: story.version, body: "<p>A</p>", bodyJson: { type: "doc", content: [{ type: "paragraph" }] } } }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(both?.fields?.body).toMatch(/not both/);
  });
});

import { actorFor, createTestUser, uniq } from "@/lib/testing/db";
import { SMTPServer } from "smtp-server";
import { createArticle, markNotificationsRead, setDigestKinds, transitionArticle } from "@/lib/testing/use-cases";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "./db";
import { sendDigests } from "@/lib/use-cases/notifications/send-digests";
import { countUnread, listNotifications } from "./notifications";

/** A real SMTP catcher on a free local port: the digest goes over the wire, not into a mock. */
const received: { to: string; data: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (chunk: Buffer) => (data += chunk.toString()));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), data });
      callback();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  port = (smtp.server.address() as { port: number }).port;
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(port);
  process.env.SMTP_SECURE = "false";
});
afterAll(async () => {
  delete process.env.SMTP_HOST;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe("notifications", () => {
  it("tells reviewers about a submission and the writer about the decision, never the actor", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const adviser = await createTestUser({ role: "ADVISER" });
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `Notify ${uniq()}`, dek: "", body: "<p>x</p>" } });
    await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
    const forAdviser = await listNotifications({ userId: adviser.userId });
    expect(forAdviser.items.some((n) => n.kind === "submitted" && n.title.includes(story.headline))).toBe(true);
    expect((await listNotifications({ userId: writer.userId })).items.some((n) => n.title.includes(story.headline))).toBe(false);
    await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "request_changes", note: "Name your sources." } });
    const forWriter = await listNotifications({ userId: writer.userId });
    expect(forWriter.items[0]).toMatchObject({ kind: "decision", title: `${adviser.fullName} requested changes on “${story.headline}”`, excerpt: "Name your sources." });
    expect(await countUnread({ userId: writer.userId })).toBe(1);
    await markNotificationsRead({ actor: actorFor(adviser), input: { id: forWriter.items[0]!.id } }); // someone else's: no effect
    expect(await countUnread({ userId: writer.userId })).toBe(1);
    await markNotificationsRead({ actor: actorFor(writer), input: {} });
    expect(await countUnread({ userId: writer.userId })).toBe(0);
  });

  it("sends a daily digest over SMTP with the chosen kinds only, once a day", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const adviser = await createTestUser({ role: "ADVISER" });
    await setDigestKinds({ actor: actorFor(writer), input: { kinds: ["decision"] } });
    const story = await createArticle({ actor: actorFor(writer), input: { headline: `Digest ${uniq()}`, dek: "", body: "<p>x</p>" } });
    await transitionArticle({ actor: actorFor(writer), id: story.id, input: { action: "submit" } });
    await transitionArticle({ actor: actorFor(adviser), id: story.id, input: { action: "approve" } });
    const { sendMail } = await import("@/lib/mail");
    const now = new Date();
    await sendDigests({ now, send: sendMail });
    const mail = received.find((m) => m.to === writer.email);
    // Quoted-printable: the curly quotes are encoded, the names and the headline are not.
    expect(mail?.data).toContain(`${adviser.fullName} approved`);
    expect(mail?.data).toContain(story.headline);
    const before = received.length;
    await sendDigests({ now: new Date(now.getTime() + 60_000), send: sendMail });
    expect(received.filter((m) => m.to === writer.email).length).toBe(1);
    expect(received.length).toBeGreaterThanOrEqual(before);
    const emailed = await db.notification.findMany({ where: { userId: writer.userId, kind: "decision" } });
    expect(emailed.every((n) => n.emailedAt !== null)).toBe(true);
  });
});

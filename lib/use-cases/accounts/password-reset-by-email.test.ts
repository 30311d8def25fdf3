// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { createTestUser, TEST_PASSWORD } from "@/lib/testing/db";
import { requestPasswordReset, resetPasswordWithToken } from "@/lib/testing/use-cases";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/data/db";
import { hashToken } from "@/lib/data/tokens";
import { AppError } from "@/lib/errors";
import { passwordResetMail, RESET_TOKEN_TTL_MS } from "./request-password-reset";

const NEW_PASSWORD = "a brand new passphrase 7";

/** A real SMTP catcher on a free local port (as lib/data/notifications.test.ts): the email goes over the wire. */
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

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String((smtp.server.address() as { port: number }).port);
  process.env.SMTP_SECURE = "false";
});
afterAll(async () => {
  delete process.env.SMTP_HOST;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("password reset by email", () => {
  it("stores only a hash of a single-use token that expires within the hour, and emails the link over SMTP", async () => {
    const user = await createTestUser();
    const now = new Date();
    const { delivery } = await requestPasswordReset({ input: { email: user.email.toUpperCase() }, now });
    expect(delivery?.email).toBe(user.email);
    const token = delivery!.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.passwordResetToken.findMany({ where: { userId: user.userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.expiresAt.getTime() - now.getTime()).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS);
    expect(RESET_TOKEN_TTL_MS).toBeLessThanOrEqual(60 * 60 * 1000);

    const { sendMail } = await import("@/lib/mail");
    await sendMail(passwordResetMail({ ...delivery!, origin: "http://127.0.0.1:3000", publication: "The Test Gazette" }));
    const mail = received.find((m) => m.to === user.email);
    // Quoted-printable folds long lines and escapes "=": decode it before looking for the link.
    const text = (mail?.data ?? "").replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    expect(text).toContain(`http://127.0.0.1:3000/reset-password?token=${token}`);
  });

  it("answers an unknown or deactivated address like any other, with nothing stored and nothing to send", async () => {
    const gone = await createTestUser({ active: false });
    for (const email of [`nobody-${Date.now()}@test.example`, gone.email]) {
      expect(await requestPasswordReset({ input: { email } })).toEqual({ delivery: null });
    }
    expect(await db.passwordResetToken.count({ where: { userId: gone.userId } })).toBe(0);
  });

  it("sets the new password once, ends every session, and refuses the link a second time", async () => {
    const user = await createTestUser();
    const { delivery } = await requestPasswordReset({ input: { email: user.email } });
    const now = new Date();
    await resetPasswordWithToken({ input: { token: delivery!.token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, now });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { passwordHash: true, sessionsValidAfter: true } });
    expect(await verifyPassword(row.passwordHash, NEW_PASSWORD)).toBe(true);
    expect(await verifyPassword(row.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(row.sessionsValidAfter?.getTime()).toBe(now.getTime());
    const again = await refusal(resetPasswordWithToken({ input: { token: delivery!.token, password: "yet another passphrase 8", confirm: "yet another passphrase 8" } }));
    expect(again.fields?.token).toMatch(/expired or was already used/);
  });

  it("refuses an expired link, a superseded one, a mistyped confirmation and a made-up token", async () => {
    const user = await createTestUser();
    const t0 = new Date();
    const first = (await requestPasswordReset({ input: { email: user.email }, now: t0 })).delivery!.token;
    const second = (await requestPasswordReset({ input: { email: user.email }, now: t0 })).delivery!.token;
    const input = (token: string) => ({ token, password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect((await refusal(resetPasswordWithToken({ input: input(first), now: t0 }))).fields?.token).toBeDefined();
    expect((await refusal(resetPasswordWithToken({ input: input(second), now: new Date(t0.getTime() + RESET_TOKEN_TTL_MS + 1) }))).fields?.token).toBeDefined();
    expect((await refusal(resetPasswordWithToken({ input: { token: second, password: NEW_PASSWORD, confirm: "something else entirely" }, now: t0 }))).fields?.confirm).toBeDefined();
    expect((await refusal(resetPasswordWithToken({ input: input("A".repeat(43)), now: t0 }))).fields?.token).toBeDefined();
    // None of those spent the good one.
    await resetPasswordWithToken({ input: input(second), now: t0 });
  });
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, type TestUser } from "@/lib/testing/db";
import {
  confirmTwoFactorEnrolment,
  endOwnSession,
  resetTwoFactor,
  startTwoFactorEnrolment,
  verifySecondFactor,
} from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { encodeBase32NoPadding } from "@oslojs/encoding";
import { hashRecoveryCode, newTotpSecret, openTotpSecret, secretKey } from "@/lib/auth/two-factor";
import { db } from "@/lib/data/db";
import { createAuthSession, findSignInFacts, listOwnSessions } from "@/lib/data/sessions";
import { hasSecondFactor } from "@/lib/data/two-factor";
import { totpCode, totpStep } from "@/lib/domain/totp";
import { signOutEverywhere } from "@/lib/use-cases/accounts/sign-out-everywhere";
import { sealStoredSecrets } from "@/lib/use-cases/two-factor/seal-stored-secrets";
import { regenerateRecoveryCodes } from "@/lib/use-cases/two-factor/regenerate-recovery-codes";
import { turnOffTwoFactor } from "@/lib/use-cases/two-factor/turn-off-two-factor";

const newSession = (user: TestUser, pendingSecondFactor = false) =>
  createAuthSession({ userId: user.userId, method: "credentials", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0", pendingSecondFactor, secondFactor: null });

/** An adviser with a confirmed authenticator; returns its key and recovery codes. */
async function enrolled(now = new Date()) {
  const adviser = await createTestUser({ role: "ADVISER" });
  const sessionId = await newSession(adviser);
  const { secret } = await startTwoFactorEnrolment({ userId: adviser.userId });
  const key = secretKey(secret);
  const { recoveryCodes } = await confirmTwoFactorEnrolment({ userId: adviser.userId, sessionId, input: { code: totpCode(key, totpStep(now.getTime())) }, now });
  return { adviser, key, recoveryCodes, now };
}

async function audit(kind: string, subject: string) {
  return db.auditLog.findMany({ where: { action: kind, subject }, select: { action: true, details: true } });
}


/** The session as a request made now would find it, or null when it is not live. */
async function findLiveSession(sid: string, userId: string) {
  return (await findSignInFacts({ sid, userId, authTime: Date.now() }))?.session ?? null;
}

describe("enrolling an authenticator", () => {
  it("counts only after a right code, then gives ten recovery codes stored only as hashes", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    const sessionId = await newSession(adviser);
    const { secret } = await startTwoFactorEnrolment({ userId: adviser.userId });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await hasSecondFactor(adviser.userId)).toBe(false);
    await expect(confirmTwoFactorEnrolment({ userId: adviser.userId, sessionId, input: { code: "000000" } })).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { code: expect.any(String) } });
    expect(await hasSecondFactor(adviser.userId)).toBe(false);

    const now = new Date();
    const { recoveryCodes } = await confirmTwoFactorEnrolment({ userId: adviser.userId, sessionId, input: { code: totpCode(secretKey(secret), totpStep(now.getTime())) }, now });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } });
    const stored = JSON.parse(row.recoveryHashes) as string[];
    expect(stored).toEqual(recoveryCodes.map(hashRecoveryCode));
    for (const code of recoveryCodes) expect(row.recoveryHashes).not.toContain(code.replace("-", ""));
    expect(await hasSecondFactor(adviser.userId)).toBe(true);
    expect((await findLiveSession(sessionId, adviser.userId))?.secondFactor).toBe("totp");
    expect(await audit("account.two_factor_enrol", adviser.userId)).toHaveLength(1);
    // A second enrolment over a confirmed one is refused.
    await expect(startTwoFactorEnrolment({ userId: adviser.userId })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the authenticator secret at rest", () => {
  it("is stored sealed (AES-256-GCM, v1: prefix), never as the base32 secret, and still verifies", async () => {
    const { adviser, key } = await enrolled(new Date(Date.now() - 60_000));
    const secret = encodeBase32NoPadding(key);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } });
    expect(row.secret.startsWith("v1:")).toBe(true);
    expect(row.secret).not.toContain(secret);
    expect(row.secret).not.toContain(secret.toLowerCase());
    expect(Buffer.from(row.secret.slice(3), "base64url").toString("latin1")).not.toContain(secret);
    const sessionId = await newSession(adviser, true);
    const now = new Date();
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: totpCode(key, totpStep(now.getTime())) }, now })).toEqual({ ok: true, via: "totp" });
  });

  it("does not open in another account's row; a recovery code still works there", async () => {
    const { adviser } = await enrolled();
    const { adviser: other, key: otherKey, recoveryCodes } = await enrolled(new Date(Date.now() - 60_000));
    const mine = await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } });
    await db.twoFactor.update({ where: { userId: other.userId }, data: { secret: mine.secret } });
    const sessionId = await newSession(other, true);
    const now = new Date();
    await expect(verifySecondFactor({ userId: other.userId, sessionId, input: { code: totpCode(otherKey, totpStep(now.getTime())) }, now })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await findLiveSession(sessionId, other.userId))?.pendingSecondFactor).toBe(true);
    expect(await verifySecondFactor({ userId: other.userId, sessionId, input: { code: recoveryCodes[0]! }, now })).toMatchObject({ ok: true, via: "recovery" });
  });

  it("reads a plaintext row from before sealing, and seals it on that use", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    const secret = newTotpSecret();
    await db.twoFactor.create({ data: { userId: adviser.userId, secret, confirmedAt: new Date(Date.now() - 60_000), recoveryHashes: "[]" } });
    const sessionId = await newSession(adviser, true);
    const now = new Date();
    // A wrong code is still a use: the row is sealed even though the code is refused.
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: "000000" }, now })).toEqual({ ok: false });
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } });
    expect(row.secret.startsWith("v1:")).toBe(true);
    expect(row.secret).not.toContain(secret);
    expect(openTotpSecret(row.secret, adviser.userId)).toEqual({ secret, legacy: false });
    const code = totpCode(secretKey(secret), totpStep(now.getTime()));
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code }, now })).toEqual({ ok: true, via: "totp" });
  });
});

describe("sealing the secrets stored in the clear (run by prepare on every start)", () => {
  it("seals every plaintext row, leaves sealed rows alone, audits each account, and is idempotent", async () => {
    const [quiet, other] = [await createTestUser({ role: "ADVISER" }), await createTestUser({ role: "ADMIN" })];
    const secret = newTotpSecret();
    await db.twoFactor.create({ data: { userId: quiet.userId, secret, confirmedAt: new Date(), recoveryHashes: "[]" } });
    const { adviser } = await enrolled();
    const before = (await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } })).secret;
    await db.twoFactor.create({ data: { userId: other.userId, secret: newTotpSecret(), confirmedAt: null, recoveryHashes: "[]" } });

    const first = await sealStoredSecrets();
    expect(first.data.sealed).toBeGreaterThanOrEqual(2);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: quiet.userId } });
    expect(row.secret.startsWith("v1:")).toBe(true);
    expect(row.secret).not.toContain(secret);
    expect(openTotpSecret(row.secret, quiet.userId)).toEqual({ secret, legacy: false });
    expect((await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } })).secret).toBe(before);
    expect((await db.twoFactor.findUniqueOrThrow({ where: { userId: other.userId } })).secret.startsWith("v1:")).toBe(true);
    expect(await audit("account.two_factor_secret_sealed", quiet.userId)).toHaveLength(1);
    expect(await db.twoFactor.count({ where: { NOT: { secret: { startsWith: "v1:" } } } })).toBe(0);

    expect((await sealStoredSecrets()).data.sealed).toBe(0);
    expect(await audit("account.two_factor_secret_sealed", quiet.userId)).toHaveLength(1);
  });
});

describe("the code a sign-in owes", () => {
  it("accepts the current code once; the same step again is refused and audited", async () => {
    const { adviser, key } = await enrolled(new Date(Date.now() - 60_000));
    const sessionId = await newSession(adviser, true);
    const now = new Date();
    const code = totpCode(key, totpStep(now.getTime()));
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code }, now })).toEqual({ ok: true, via: "totp" });
    expect(await findLiveSession(sessionId, adviser.userId)).toMatchObject({ pendingSecondFactor: false, secondFactor: "totp" });

    const replay = await newSession(adviser, true);
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId: replay, input: { code }, now })).toEqual({ ok: false });
    expect((await findLiveSession(replay, adviser.userId))?.pendingSecondFactor).toBe(true);
    expect(await audit("auth.second_factor_failed", adviser.userId)).toHaveLength(1);
  });

  it("accepts the previous and next step, not two away", async () => {
    const { adviser, key, now: enrolledAt } = await enrolled(new Date(Date.now() - 10 * 60_000));
    const now = new Date(enrolledAt.getTime() + 5 * 60_000);
    const step = totpStep(now.getTime());
    const sessionId = await newSession(adviser, true);
    expect((await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: totpCode(key, step + 2) }, now })).ok).toBe(false);
    expect((await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: totpCode(key, step - 1) }, now })).ok).toBe(true);
    const next = await newSession(adviser, true);
    expect((await verifySecondFactor({ userId: adviser.userId, sessionId: next, input: { code: totpCode(key, step + 1) }, now })).ok).toBe(true);
  });

  it("spends a recovery code: it works once", async () => {
    const { adviser, recoveryCodes } = await enrolled();
    const first = await newSession(adviser, true);
    const typed = recoveryCodes[3]!.toUpperCase().replace("-", " ");
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId: first, input: { code: typed } })).toEqual({ ok: true, via: "recovery", recoveryCodesLeft: 9 });
    expect((await findLiveSession(first, adviser.userId))?.secondFactor).toBe("recovery");
    const second = await newSession(adviser, true);
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId: second, input: { code: recoveryCodes[3]! } })).toEqual({ ok: false });
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId: second, input: { code: recoveryCodes[4]! } })).toMatchObject({ ok: true, recoveryCodesLeft: 8 });
    expect(await audit("account.two_factor_recovery_used", adviser.userId)).toHaveLength(2);
  });
});

describe("an admin's reset of a lost second factor", () => {
  it("is an admin's alone, audited, and leaves the account without a second factor", async () => {
    const { adviser } = await enrolled();
    const [otherAdviser, admin] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser({ role: "ADMIN" })]);
    await expect(resetTwoFactor({ actor: actorFor(otherAdviser), input: { userId: adviser.userId } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await hasSecondFactor(adviser.userId)).toBe(true);
    await resetTwoFactor({ actor: actorFor(admin), input: { userId: adviser.userId } });
    expect(await hasSecondFactor(adviser.userId)).toBe(false);
    const entries = await db.auditLog.findMany({ where: { action: "account.two_factor_reset", subject: adviser.userId }, select: { actorId: true, details: true } });
    expect(entries).toEqual([{ actorId: admin.userId, details: "{}" }]);
    await expect(resetTwoFactor({ actor: actorFor(admin), input: { userId: adviser.userId } })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("sessions you can see", () => {
  it("lists live sessions, ends one (and no one else's), and Sign out everywhere ends the rest", async () => {
    const [writer, other] = await Promise.all([createTestUser(), createTestUser()]);
    const [a, b] = [await newSession(writer), await newSession(writer)];
    const pending = await newSession(writer, true);
    expect((await listOwnSessions({ userId: writer.userId })).map((s) => s.id).sort()).toEqual([a, b].sort());
    expect(pending).toBeTruthy();

    await expect(endOwnSession({ userId: other.userId, input: { sessionId: a, via: "button" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await findLiveSession(a, writer.userId)).not.toBeNull();
    await endOwnSession({ userId: writer.userId, input: { sessionId: a, via: "button" } });
    expect(await findLiveSession(a, writer.userId)).toBeNull();
    expect(await findLiveSession(b, writer.userId)).not.toBeNull();
    // A session id is only ever its own account's.
    expect(await findLiveSession(b, other.userId)).toBeNull();

    await signOutEverywhere({ actor: actorFor(writer) });
    expect(await findLiveSession(b, writer.userId)).toBeNull();
    expect(await listOwnSessions({ userId: writer.userId })).toEqual([]);
  });
});

describe("turning off your own two-factor sign-in", () => {
  it("needs the current code or a recovery code, deletes the secret and is audited", async () => {
    const { adviser, key, recoveryCodes } = await enrolled(new Date(Date.now() - 60_000));
    await expect(turnOffTwoFactor({ actor: actorFor(adviser), input: { code: "000000" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(turnOffTwoFactor({ actor: actorFor(adviser), input: { code: "aaaaa-bbbbb" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await hasSecondFactor(adviser.userId)).toBe(true);
    await turnOffTwoFactor({ actor: actorFor(adviser), input: { code: recoveryCodes[0]! } });
    expect(await hasSecondFactor(adviser.userId)).toBe(false);
    expect(await db.twoFactor.findUnique({ where: { userId: adviser.userId } })).toBeNull();
    expect(await audit("account.two_factor_disable", adviser.userId)).toEqual([{ action: "account.two_factor_disable", details: JSON.stringify({ via: "recovery" }) }]);

    const { adviser: other, key: otherKey } = await enrolled(new Date(Date.now() - 60_000));
    await turnOffTwoFactor({ actor: actorFor(other), input: { code: totpCode(otherKey, totpStep(Date.now())) } });
    expect(await hasSecondFactor(other.userId)).toBe(false);
    expect(key).toBeTruthy();
  });

  it("is refused while the publication requires a second factor for the role", async () => {
    const { adviser, key } = await enrolled(new Date(Date.now() - 60_000));
    const before = (await db.publication.findUnique({ where: { id: 1 }, select: { twoFactorRequired: true, twoFactorEditors: true } })) ?? { twoFactorRequired: false, twoFactorEditors: false };
    // Required for advisers only for this test's moment; writers and editors are unaffected.
    await db.publication.upsert({ where: { id: 1 }, update: { twoFactorRequired: true }, create: { id: 1, name: "The Test Gazette", twoFactorRequired: true } });
    try {
      await expect(turnOffTwoFactor({ actor: actorFor(adviser), input: { code: totpCode(key, totpStep(Date.now())) } })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect(await hasSecondFactor(adviser.userId)).toBe(true);
      expect(await audit("account.two_factor_disable", adviser.userId)).toEqual([]);
    } finally {
      await db.publication.update({ where: { id: 1 }, data: before });
    }
  });
});

describe("regenerating recovery codes", () => {
  it("needs a current code; the old codes stop working and ten new ones, stored hashed, work", async () => {
    const { adviser, key, recoveryCodes: old } = await enrolled(new Date(Date.now() - 60_000));
    await expect(regenerateRecoveryCodes({ actor: actorFor(adviser), input: { code: old[0]! } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(regenerateRecoveryCodes({ actor: actorFor(adviser), input: { code: "000000" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { recoveryCodes } = (await regenerateRecoveryCodes({ actor: actorFor(adviser), input: { code: totpCode(key, totpStep(Date.now())) } })).data;
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => old.includes(c))).toBe(false);
    const row = await db.twoFactor.findUniqueOrThrow({ where: { userId: adviser.userId } });
    expect(JSON.parse(row.recoveryHashes)).toEqual(recoveryCodes.map(hashRecoveryCode));
    for (const code of recoveryCodes) expect(row.recoveryHashes).not.toContain(code.replace("-", ""));
    const sessionId = await newSession(adviser, true);
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: old[1]! } })).toEqual({ ok: false });
    expect(await verifySecondFactor({ userId: adviser.userId, sessionId, input: { code: recoveryCodes[1]! } })).toMatchObject({ ok: true, via: "recovery" });
    expect(await audit("account.two_factor_recovery_regenerate", adviser.userId)).toHaveLength(1);
  });
});

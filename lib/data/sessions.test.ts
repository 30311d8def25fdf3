// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { createTestUser, setReviewPolicy } from "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { signInStateOf } from "@/lib/auth/session";
import { onPostgres, queryPlan } from "@/lib/testing/query-plan";
import { db } from "./db";
import { createAuthSession, findSignInFacts, type SignInFacts, signInFactsSql } from "./sessions";
import { SESSION_MAX_AGE_S } from "./users";

async function newSession(userId: string, opts: { pendingSecondFactor?: boolean; secondFactor?: string | null } = {}) {
  return createAuthSession({ userId, method: "credentials", userAgent: "vitest", pendingSecondFactor: opts.pendingSecondFactor ?? false, secondFactor: opts.secondFactor ?? null });
}

describe("findSignInFacts (every cookie request's check, one statement)", () => {
  it("gives the account, its session and the publication's rules", async () => {
    const writer = await createTestUser({ role: "EDITOR", fullName: "Hana Park" });
    const sid = await newSession(writer.userId);
    await setReviewPolicy("STUDENT_EDITORS_PUBLISH");
    try {
      const facts = await findSignInFacts({ sid, userId: writer.userId, authTime: Date.now() });
      const pub = await db.publication.findUniqueOrThrow({ where: { id: 1 }, select: { twoFactorRequired: true, twoFactorEditors: true } });
      expect(facts).toEqual({
        user: { userId: writer.userId, personId: writer.personId, role: "EDITOR", reviewPolicy: "STUDENT_EDITORS_PUBLISH", email: writer.email, name: "Hana Park" },
        session: { id: sid, userId: writer.userId, method: "credentials", pendingSecondFactor: false, secondFactor: null },
        twoFactor: { required: pub.twoFactorRequired, editors: pub.twoFactorEditors },
        hasSecondFactor: false,
      });
    } finally {
      await setReviewPolicy("ADVISER_APPROVES");
    }
    // A role change takes effect on the very next request.
    await db.user.update({ where: { id: writer.userId }, data: { role: "WRITER" } });
    expect((await findSignInFacts({ sid, userId: writer.userId, authTime: Date.now() }))?.user.role).toBe("WRITER");
  });

  it("says no to an ended session, another account's session, a deactivated account and an unknown sid", async () => {
    const writer = await createTestUser();
    const other = await createTestUser();
    const sid = await newSession(writer.userId);
    const now = Date.now();
    expect(await findSignInFacts({ sid, userId: other.userId, authTime: now }), "a sid moved into another account's token").toBeNull();
    expect(await findSignInFacts({ sid: "no-such-session", userId: writer.userId, authTime: now })).toBeNull();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now })).not.toBeNull();

    await db.user.update({ where: { id: writer.userId }, data: { active: false } });
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now }), "deactivated").toBeNull();
    await db.user.update({ where: { id: writer.userId }, data: { active: true } });
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now })).not.toBeNull();

    await db.authSession.update({ where: { id: sid }, data: { endedAt: new Date() } });
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now }), "ended").toBeNull();
  });

  it("keeps a session to 12 hours from its sign-in and to after the account's sessions were last ended", async () => {
    const writer = await createTestUser();
    const sid = await newSession(writer.userId);
    const now = Date.now();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now - SESSION_MAX_AGE_S * 1000 + 60_000 })).not.toBeNull();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now - SESSION_MAX_AGE_S * 1000 - 1000 })).toBeNull();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: 0 })).toBeNull();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now + 10 * 60_000 }), "a sign-in in the future").toBeNull();

    await db.user.update({ where: { id: writer.userId }, data: { sessionsValidAfter: new Date(now - 1000) } });
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now - 5000 }), "signed in before Sign out everywhere").toBeNull();
    expect(await findSignInFacts({ sid, userId: writer.userId, authTime: now })).not.toBeNull();
  });

  it("knows whether the account has a confirmed second factor, and what the session has given", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    const pending = await newSession(adviser.userId, { pendingSecondFactor: true });
    const given = await newSession(adviser.userId, { secondFactor: "totp" });
    await db.twoFactor.create({ data: { userId: adviser.userId, secret: "x", confirmedAt: null, recoveryHashes: "[]" } });
    expect((await findSignInFacts({ sid: pending, userId: adviser.userId, authTime: Date.now() }))?.hasSecondFactor, "enrolment not confirmed").toBe(false);
    await db.twoFactor.update({ where: { userId: adviser.userId }, data: { confirmedAt: new Date() } });
    const facts = await findSignInFacts({ sid: pending, userId: adviser.userId, authTime: Date.now() });
    expect(facts).toMatchObject({ hasSecondFactor: true, session: { pendingSecondFactor: true, secondFactor: null } });
    expect((await findSignInFacts({ sid: given, userId: adviser.userId, authTime: Date.now() }))?.session).toMatchObject({ pendingSecondFactor: false, secondFactor: "totp" });
  });

  it("touches lastSeenAt at most once a minute", async () => {
    const writer = await createTestUser();
    const sid = await newSession(writer.userId);
    const lastSeen = async () => (await db.authSession.findUniqueOrThrow({ where: { id: sid }, select: { lastSeenAt: true } })).lastSeenAt.getTime();
    const created = await lastSeen();
    await findSignInFacts({ sid, userId: writer.userId, authTime: Date.now(), now: new Date(created + 30_000) });
    expect(await lastSeen()).toBe(created);
    await findSignInFacts({ sid, userId: writer.userId, authTime: Date.now(), now: new Date(created + 61_000) });
    expect(await lastSeen()).toBe(created + 61_000);
  });

  it("is one statement that reads each table by its key", async () => {
    const plan = await queryPlan(signInFactsSql("sid", "user"));
    if (onPostgres) {
      expect(plan).not.toMatch(/Seq Scan on "?(AuthSession|User|Person|TwoFactor)"?/);
    } else {
      expect(plan).not.toMatch(/^SCAN/m);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe("signInStateOf", () => {
  const facts = (over: { role?: SignInFacts["user"]["role"]; pending?: boolean; secondFactor?: string | null; required?: boolean; editors?: boolean; has?: boolean }): SignInFacts => ({
    user: { userId: "u", personId: "p", role: over.role ?? "ADVISER", reviewPolicy: "ADVISER_APPROVES", email: "a@school.example", name: "A" },
    session: { id: "s", userId: "u", method: "credentials", pendingSecondFactor: over.pending ?? false, secondFactor: over.secondFactor ?? null },
    twoFactor: { required: over.required ?? false, editors: over.editors ?? false },
    hasSecondFactor: over.has ?? false,
  });

  it.each([
    ["no live session", null, "signed_out"],
    ["a session that owes its code", facts({ pending: true, has: true }), "second_factor"],
    ["an adviser without a second factor where one is required", facts({ required: true }), "enrol"],
    ["an adviser with a second factor whose session gave it", facts({ required: true, has: true, secondFactor: "totp" }), "signed_in"],
    ["an adviser whose provider vouched for one", facts({ required: true, secondFactor: "provider" }), "signed_in"],
    ["an editor, when editors are not required", facts({ role: "EDITOR", required: true }), "signed_in"],
    ["an editor, when editors are required", facts({ role: "EDITOR", required: true, editors: true }), "enrol"],
    ["a writer, whatever the rule", facts({ role: "WRITER", required: true, editors: true }), "signed_in"],
    ["an adviser where nothing is required", facts({}), "signed_in"],
  ] as const)("%s: %s", (_name, given, kind) => {
    expect(signInStateOf(given).kind).toBe(kind);
  });
});

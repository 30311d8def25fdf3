// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, TEST_PASSWORD, type TestUser, uniq, withEmptyDatabase } from "@/lib/testing/db";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { AppError, type ErrorCode } from "@/lib/errors";
import { createApiToken, createStaff, resetPassword, updateStaff } from "@/lib/testing/use-cases";
import { db } from "./db";
import { findUserByApiToken } from "./tokens";
import { findActiveUser, verifyCredentials } from "./users";

async function expectAppError(promise: Promise<unknown>, code: ErrorCode, ErrorClass: typeof AppError = AppError): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected AppError ${code}`).toBeInstanceOf(ErrorClass);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

function failedSignIns(email: string) {
  return db.auditLog.findMany({ where: { action: "auth.sign_in_failed", subject: email }, orderBy: { createdAt: "asc" } });
}

async function roleOf(userId: string) {
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true } })).role;
}

describe("createFirstAdviser (on an empty install)", () => {
  it("sets up the publication and its adviser once, then refuses", async () => {
    await withEmptyDatabase(async ({ db: fresh, users, createFirstAdviser, AppError: FreshAppError }) => {
      expect(await users.hasAnyUser()).toBe(false);
      const setup = {
        publicationName: "The Test Gazette",
        timeZone: "Asia/Seoul",
        fullName: "Dana Adviser",
        email: "dana@school.example",
        password: "a long enough password",
      };
      const first = await createFirstAdviser(setup);
      const user = await fresh.user.findUniqueOrThrow({ where: { id: first.id }, include: { person: true } });
      expect(user).toMatchObject({ email: "dana@school.example", role: "ADVISER", active: true, person: { fullName: "Dana Adviser", title: "Adviser" } });
      expect(await fresh.publication.findUnique({ where: { id: 1 } })).toMatchObject({ name: "The Test Gazette", timeZone: "Asia/Seoul" });
      expect(await fresh.auditLog.count({ where: { action: "setup.complete", actorId: first.id } })).toBe(1);
      expect(await users.verifyCredentials({ email: "dana@school.example", password: "a long enough password" })).toMatchObject({ id: first.id });

      await expectAppError(createFirstAdviser({ ...setup, email: "intruder@evil.example", fullName: "Intruder" }), "NOT_FOUND", FreshAppError);
      expect(await fresh.user.count()).toBe(1);
      expect(await fresh.person.count()).toBe(1);
    });
  });

  it("lets only one of two racing first-run requests win", async () => {
    await withEmptyDatabase(async ({ db: fresh, createFirstAdviser }) => {
      const setup = (n: number) => ({
        publicationName: "Race",
        timeZone: "UTC",
        fullName: `Racer ${n}`,
        email: `racer${n}@school.example`,
        password: "a long enough password",
      });
      const results = await Promise.allSettled([createFirstAdviser(setup(1)), createFirstAdviser(setup(2))]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await fresh.user.count()).toBe(1);
    });
  });

  it("runs apart from the shared test database, which is back in use afterwards", async () => {
    const shared = await createTestUser();
    const sharedUrl = process.env.DATABASE_URL;
    await withEmptyDatabase(async ({ db: fresh }) => {
      expect(await fresh.user.findUnique({ where: { id: shared.userId } })).toBeNull();
    });
    expect(process.env.DATABASE_URL).toBe(sharedUrl);
    expect(await db.user.findUnique({ where: { id: shared.userId } })).not.toBeNull();
    expect(await findActiveUser(shared.userId)).toMatchObject({ userId: shared.userId });
  });
});

describe("verifyCredentials", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser({ role: "WRITER" });
  });

  it("returns the account for the right password and records the sign-in", async () => {
    const result = await verifyCredentials({ email: user.email, password: TEST_PASSWORD });
    expect(result).toEqual({ id: user.userId, email: user.email, name: user.fullName });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.userId } });
    expect(stored.lastLoginAt).toBeInstanceOf(Date);
  });

  it("returns null for a wrong password and writes an auth.sign_in_failed audit row", async () => {
    const before = (await failedSignIns(user.email)).length;
    expect(await verifyCredentials({ email: user.email, password: "not the password" })).toBeNull();
    const rows = await failedSignIns(user.email);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actorId: user.userId });
    expect(JSON.parse(rows.at(-1)!.details)).toEqual({ reason: "wrong_password" });
  });

  it("returns null for a deactivated account even with the right password, and audits it", async () => {
    const gone = await createTestUser({ role: "EDITOR", active: false });
    expect(await verifyCredentials({ email: gone.email, password: TEST_PASSWORD })).toBeNull();
    const rows = await failedSignIns(gone.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: gone.userId });
    expect(JSON.parse(rows[0]!.details)).toEqual({ reason: "inactive" });
    expect((await db.user.findUniqueOrThrow({ where: { id: gone.userId } })).lastLoginAt).toBeNull();
  });

  it("returns null for an unknown email and audits it without an actor", async () => {
    const email = `nobody-${uniq()}@test.example`;
    expect(await verifyCredentials({ email, password: TEST_PASSWORD })).toBeNull();
    const rows = await failedSignIns(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: null });
    expect(JSON.parse(rows[0]!.details)).toEqual({ reason: "unknown_email" });
  });

  it("never hands out the password hash", async () => {
    const result = await verifyCredentials({ email: user.email, password: TEST_PASSWORD });
    expect(JSON.stringify(result)).not.toMatch(/argon2/);
    expect(JSON.stringify(await db.user.findUniqueOrThrow({ where: { id: user.userId } }))).not.toMatch(/argon2|passwordHash/);
  });
});

describe("updateStaff", () => {
  let adviser: TestUser, admin: TestUser;
  let asAdviser: Actor, asAdmin: Actor;
  beforeAll(async () => {
    [adviser, admin] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser({ role: "ADMIN" })]);
    [asAdviser, asAdmin] = [actorFor(adviser), actorFor(admin)];
  });

  it("lets an adviser change a writer's role, with an audit row", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const updated = await updateStaff({ actor: asAdviser, input: { userId: writer.userId, role: "EDITOR" } });
    expect(updated).toMatchObject({ id: writer.userId, role: "EDITOR" });
    expect(await roleOf(writer.userId)).toBe("EDITOR");
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "account.role_change", subject: writer.userId } });
    expect(audit.actorId).toBe(adviser.userId);
  });

  it("does not let an adviser promote anyone to ADMIN", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: writer.userId, role: "ADMIN" } }), "FORBIDDEN");
    expect(await roleOf(writer.userId)).toBe("WRITER");
  });

  it("does not let an adviser demote or deactivate an admin", async () => {
    const otherAdmin = await createTestUser({ role: "ADMIN" });
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: otherAdmin.userId, role: "WRITER" } }), "FORBIDDEN");
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: otherAdmin.userId, active: false } }), "FORBIDDEN");
    expect(await db.user.findUniqueOrThrow({ where: { id: otherAdmin.userId } })).toMatchObject({ role: "ADMIN", active: true });
  });

  it("lets an admin promote someone to ADMIN", async () => {
    const editor = await createTestUser({ role: "EDITOR" });
    await updateStaff({ actor: asAdmin, input: { userId: editor.userId, role: "ADMIN" } });
    expect(await roleOf(editor.userId)).toBe("ADMIN");
  });

  it("does not let anyone change their own role or deactivate themselves", async () => {
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: adviser.userId, role: "WRITER" } }), "FORBIDDEN");
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: adviser.userId, active: false } }), "FORBIDDEN");
    await expectAppError(updateStaff({ actor: asAdmin, input: { userId: admin.userId, role: "WRITER" } }), "FORBIDDEN");
    expect(await db.user.findUniqueOrThrow({ where: { id: adviser.userId } })).toMatchObject({ role: "ADVISER", active: true });
    expect(await roleOf(admin.userId)).toBe("ADMIN");
  });

  it("reports an unknown account as NOT_FOUND", async () => {
    await expectAppError(updateStaff({ actor: asAdviser, input: { userId: `nobody${uniq()}`, role: "EDITOR" } }), "NOT_FOUND");
  });
});

describe("findActiveUser", () => {
  let adviser: TestUser;
  beforeAll(async () => {
    adviser = await createTestUser({ role: "ADVISER" });
  });

  it("returns the actor as the database says it is now", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const found = await findActiveUser(writer.userId);
    expect(found).toMatchObject({ userId: writer.userId, personId: writer.personId, role: "WRITER", email: writer.email, name: writer.fullName });
    expect(["ADVISER_APPROVES", "STUDENT_EDITORS_PUBLISH"]).toContain(found?.reviewPolicy);
    expect(found).not.toHaveProperty("passwordHash");
  });

  it("reflects a role change on the very next call", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    expect((await findActiveUser(writer.userId))?.role).toBe("WRITER");
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, role: "EDITOR" } });
    expect((await findActiveUser(writer.userId))?.role).toBe("EDITOR");
  });

  it("returns null once the account is deactivated, and the account again once reactivated", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    expect(await findActiveUser(writer.userId)).not.toBeNull();
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, active: false } });
    expect(await findActiveUser(writer.userId)).toBeNull();
    expect(await db.auditLog.count({ where: { action: "account.deactivate", subject: writer.userId } })).toBe(1);
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, active: true } });
    expect((await findActiveUser(writer.userId))?.userId).toBe(writer.userId);
  });

  it("returns null for an unknown id", async () => {
    expect(await findActiveUser(`nobody${uniq()}`)).toBeNull();
  });
});

describe("createStaff", () => {
  let adviser: TestUser;
  beforeAll(async () => {
    adviser = await createTestUser({ role: "ADVISER" });
  });

  const input = (role: "WRITER" | "ADMIN", email = `new-${uniq()}@test.example`) => ({
    fullName: `New Person ${uniq()}`,
    email,
    role,
    password: "another long password",
    graduationYear: 2028,
  });

  it("creates an account that can sign in", async () => {
    const data = input("WRITER");
    const created = await createStaff({ actor: actorFor(adviser), input: data });
    expect(created).toMatchObject({ email: data.email, role: "WRITER" });
    expect(await verifyCredentials({ email: data.email, password: data.password })).toMatchObject({ id: created.id });
  });

  it("does not let an adviser create an admin", async () => {
    const data = input("ADMIN");
    const error = await expectAppError(createStaff({ actor: actorFor(adviser), input: data }), "FORBIDDEN");
    expect(error.fields).toHaveProperty("role");
    expect(await db.user.count({ where: { email: data.email } })).toBe(0);
  });

  it("refuses an email that already has an account", async () => {
    const existing = await createTestUser();
    const error = await expectAppError(createStaff({ actor: actorFor(adviser), input: input("WRITER", existing.email) }), "VALIDATION");
    expect(error.fields).toHaveProperty("email");
  });
});

describe("resetPassword", () => {
  it("ends the account's sessions and revokes its API tokens, with an audit row", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    const writer = await createTestUser({ role: "WRITER" });
    const { token } = await createApiToken({ actor: actorFor(writer), input: { name: "scripts" } });
    expect((await findUserByApiToken(token))?.userId).toBe(writer.userId);

    await resetPassword({ actor: actorFor(adviser), input: { userId: writer.userId, password: "a brand new passphrase" } });

    expect(await findUserByApiToken(token)).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: writer.userId }, select: { sessionsValidAfter: true } });
    expect(row.sessionsValidAfter).not.toBeNull();
    expect(await verifyCredentials({ email: writer.email, password: "a brand new passphrase" })).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "account.password_reset", subject: writer.userId } });
    expect(JSON.parse(audit.details)).toMatchObject({ email: writer.email, tokensRevoked: 1 });
  });

  it("is refused to writers as NOT_FOUND", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const other = await createTestUser({ role: "WRITER" });
    await expect(resetPassword({ actor: actorFor(writer), input: { userId: other.userId, password: "a brand new passphrase" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

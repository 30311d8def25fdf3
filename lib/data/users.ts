import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { type Actor, can, type Role } from "@/lib/auth/policy";
import { AppError } from "@/lib/errors";
import type { TSetup, TStaffCreate, TStaffUpdate } from "@/lib/validation/user";
import { db } from "./db";
import { nextPersonSlug } from "./people";
import { getPublication } from "./publication";

// A real hash of a random password, so an unknown email costs as much time as a wrong password.
let dummyHash: Promise<string> | null = null;

/** The account for an email and password, or null. Inactive accounts never sign in. */
export async function verifyCredentials({ email, password }: { email: string; password: string }) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, active: true, passwordHash: true, person: { select: { fullName: true } } },
  });
  if (!user) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verifyPassword(await dummyHash, password);
    await db.auditLog.create({ data: { action: "auth.sign_in_failed", subject: email, details: JSON.stringify({ reason: "unknown_email" }) } });
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || !user.active) {
    await db.auditLog.create({
      data: { actorId: user.id, action: "auth.sign_in_failed", subject: email, details: JSON.stringify({ reason: ok ? "inactive" : "wrong_password" }) },
    });
    return null;
  }
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.person.fullName };
}

/** A sign-in refused by the rate limit (lib/auth/rate-limit.ts), for the audit log. */
export async function recordThrottledSignIn({ email, address, retryAfter }: { email: string; address: string; retryAfter: number }) {
  await db.auditLog.create({ data: { action: "auth.sign_in_throttled", subject: email, details: JSON.stringify({ address, retryAfter }) } });
}

export type SessionUser = Actor & { email: string; name: string };

/**
 * The signed-in account as it is now in the database; null when missing, deactivated, or when
 * the session began before the account's password was reset (`authTime` in ms).
 */
export async function findActiveUser(userId: string, authTime?: number): Promise<SessionUser | null> {
  const [user, publication] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, role: true, active: true, personId: true, sessionsValidAfter: true, person: { select: { fullName: true } } },
    }),
    getPublication(),
  ]);
  if (!user || !user.active) return null;
  if (authTime !== undefined && user.sessionsValidAfter && authTime < user.sessionsValidAfter.getTime()) return null;
  return {
    userId: user.id,
    personId: user.personId,
    role: user.role,
    reviewPolicy: publication.reviewPolicy,
    email: user.email,
    name: user.person.fullName,
  };
}

export async function hasAnyUser(): Promise<boolean> {
  return (await db.user.count()) > 0;
}

/**
 * First run: create the publication and its first adviser. Closes for good once any user
 * exists; the check and the insert share one transaction so two racing requests cannot both win.
 */
export async function createFirstAdviser(input: TSetup) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if ((await tx.user.count()) > 0) throw new AppError("NOT_FOUND", "This newsroom is already set up.");
    await tx.publication.upsert({
      where: { id: 1 },
      update: { name: input.publicationName, timeZone: input.timeZone },
      create: { id: 1, name: input.publicationName, timeZone: input.timeZone },
    });
    const person = await tx.person.create({
      data: { fullName: input.fullName, slug: await nextPersonSlug(tx, input.fullName), title: "Adviser" },
    });
    const user = await tx.user.create({
      data: { email: input.email, passwordHash, role: "ADVISER", personId: person.id },
      select: { id: true },
    });
    await tx.auditLog.create({ data: { actorId: user.id, action: "setup.complete", subject: input.email } });
    return user;
  });
}

export async function listStaff() {
  const users = await db.user.findMany({
    select: {
      id: true,
      email: true,
      role: true,
      active: true,
      lastLoginAt: true,
      createdAt: true,
      person: { select: { id: true, fullName: true, graduationYear: true, slug: true, penName: true, penNameApproved: true } },
    },
    orderBy: [{ active: "desc" }, { createdAt: "asc" }],
  });
  return users;
}

export async function createStaff({ input, actor }: { input: TStaffCreate; actor: Actor }) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  if (input.role === "ADMIN" && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only an administrator can create another administrator.", { fields: { role: "Only an administrator can grant this role." } });
  }
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new AppError("VALIDATION", "That email already has an account.", { fields: { email: "That email already has an account." } });
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const person = await tx.person.create({
      data: {
        fullName: input.fullName,
        slug: await nextPersonSlug(tx, input.fullName),
        graduationYear: input.graduationYear,
        title: input.role === "ADVISER" ? "Adviser" : null,
      },
    });
    const user = await tx.user.create({
      data: { email: input.email, passwordHash, role: input.role, personId: person.id },
      select: { id: true, email: true, role: true },
    });
    await tx.auditLog.create({
      data: { actorId: actor.userId, action: "account.create", subject: user.id, details: JSON.stringify({ email: user.email, role: user.role }) },
    });
    return user;
  });
}

/** Change a role or deactivate/reactivate. Takes effect on the user's next request. */
export async function updateStaff({ input, actor }: { input: TStaffUpdate; actor: Actor }) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const target = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, active: true, email: true } });
  if (!target) throw new AppError("NOT_FOUND", "That account was not found.");
  if (target.id === actor.userId) {
    throw new AppError("FORBIDDEN", "You cannot change your own role or deactivate yourself; ask another adviser.");
  }
  const touchesAdmin = target.role === "ADMIN" || input.role === "ADMIN";
  if (touchesAdmin && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only an administrator can change an administrator's account.");
  const data: { role?: Role; active?: boolean } = {};
  if (input.role && input.role !== target.role) data.role = input.role;
  if (input.active !== undefined && input.active !== target.active) data.active = input.active;
  if (Object.keys(data).length === 0) return target;
  return db.$transaction(async (tx) => {
    const user = await tx.user.update({ where: { id: target.id }, data, select: { id: true, role: true, active: true, email: true } });
    await tx.auditLog.create({
      data: {
        actorId: actor.userId,
        action: data.role ? "account.role_change" : data.active ? "account.reactivate" : "account.deactivate",
        subject: target.id,
        details: JSON.stringify({ email: target.email, before: { role: target.role, active: target.active }, after: data }),
      },
    });
    return user;
  });
}

/** An adviser sets a new temporary password; every existing session of that user ends at once. */
export async function resetPassword({ actor, userId, password }: { actor: Actor; userId: string; password: string }) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const target = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true } });
  if (!target) throw new AppError("NOT_FOUND", "That account was not found.");
  if (target.role === "ADMIN" && actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only an administrator can reset an administrator's password.");
  const passwordHash = await hashPassword(password);
  const now = new Date();
  // A reset is what an adviser does when an account may be in the wrong hands, so the
  // account's API tokens go with its sessions (the owner can make new ones after signing in).
  const [, tokens] = await db.$transaction([
    db.user.update({ where: { id: target.id }, data: { passwordHash, sessionsValidAfter: now } }),
    db.apiToken.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  await db.auditLog.create({
    data: { actorId: actor.userId, action: "account.password_reset", subject: target.id, details: JSON.stringify({ email: target.email, tokensRevoked: tokens.count }) },
  });
}

/** Change your own password (the current one is required); other sessions end. */
export async function changeOwnPassword({ actor, current, next }: { actor: Actor; current: string; next: string }) {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError("VALIDATION", "That is not your current password.", { fields: { current: "That is not your current password." } });
  }
  const passwordHash = await hashPassword(next);
  await db.$transaction([
    db.user.update({ where: { id: actor.userId }, data: { passwordHash, sessionsValidAfter: new Date() } }),
    db.auditLog.create({ data: { actorId: actor.userId, action: "account.password_change", subject: actor.userId } }),
  ]);
}

/** The signed-in user's own public profile: bio, how their name appears, a pen name to request. */
export async function updateOwnProfile({
  actor,
  input,
}: {
  actor: Actor;
  input: { bio: string; nameDisplay: "FULL" | "FIRST_LAST_INITIAL" | "PEN_NAME" | null; penName: string | null };
}) {
  const person = await db.person.findUniqueOrThrow({ where: { id: actor.personId }, select: { penName: true, penNameApproved: true } });
  // A new or changed pen name waits for an adviser's approval; until then the byline falls back.
  const penNameChanged = (input.penName ?? null) !== (person.penName ?? null);
  await db.$transaction([
    db.person.update({
      where: { id: actor.personId },
      data: { bio: input.bio, nameDisplay: input.nameDisplay, penName: input.penName, ...(penNameChanged ? { penNameApproved: false } : {}) },
    }),
    db.auditLog.create({ data: { actorId: actor.userId, action: "person.profile_update", subject: actor.personId, details: JSON.stringify(input) } }),
  ]);
}

export async function findOwnProfile({ actor }: { actor: Actor }) {
  return db.person.findUniqueOrThrow({
    where: { id: actor.personId },
    select: { fullName: true, slug: true, bio: true, nameDisplay: true, penName: true, penNameApproved: true, graduationYear: true },
  });
}

/** Advisers approve (or withdraw approval of) a student's pen name. */
export async function setPenNameApproval({ actor, personId, approved }: { actor: Actor; personId: string; approved: boolean }) {
  if (!can(actor, "manage_staff")) throw new AppError("NOT_FOUND", "This page was not found.");
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, penName: true } });
  if (!person || !person.penName) throw new AppError("NOT_FOUND", "That pen name was not found.");
  await db.$transaction([
    db.person.update({ where: { id: personId }, data: { penNameApproved: approved } }),
    db.auditLog.create({ data: { actorId: actor.userId, action: approved ? "person.pen_name_approve" : "person.pen_name_revoke", subject: personId, details: JSON.stringify({ penName: person.penName }) } }),
  ]);
}

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, TEST_PASSWORD } from "@/lib/testing/db";
import { changeOwnPassword, createApiToken, resetPassword, revokeApiToken, setPenNameApproval, updateOwnProfile, updateStaff } from "@/lib/testing/use-cases";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { createAuthSession } from "@/lib/data/sessions";
import { findUserByApiToken } from "@/lib/data/tokens";
import { verifyCredentials } from "@/lib/data/users";
import { findActiveUser, SESSION_MAX_AGE_S } from "@/lib/data/users";
import { changeOwnPassword as changeOwnPasswordWithEffects } from "./change-own-password";
import { signOutEverywhere } from "./sign-out-everywhere";

describe("account rules from the policy", () => {
  it("never lets faculty reset their own password from the staff page, nor an adviser an admin's", async () => {
    const [adviser, admin] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser({ role: "ADMIN" })]);
    await expect(resetPassword({ actor: actorFor(adviser), input: { userId: adviser.userId, password: "a brand new passphrase" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resetPassword({ actor: actorFor(adviser), input: { userId: admin.userId, password: "a brand new passphrase" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only an administrator can reset an administrator's password.",
    });
    expect(await verifyCredentials({ email: admin.email, password: TEST_PASSWORD })).not.toBeNull();
  });

  it("keeps the messages people see for their own account and for granting ADMIN", async () => {
    const adviser = await createTestUser({ role: "ADVISER" });
    const writer = await createTestUser({ role: "WRITER" });
    await expect(updateStaff({ actor: actorFor(adviser), input: { userId: adviser.userId, active: "false" } })).rejects.toMatchObject({
      message: "You cannot change your own role or deactivate yourself; ask another adviser.",
    });
    await expect(updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, role: "ADMIN" } })).rejects.toMatchObject({
      message: "Only an administrator can change an administrator's account.",
    });
    // Nothing changed is nothing to audit.
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, role: "WRITER" } });
    expect(await db.auditLog.count({ where: { subject: writer.userId } })).toBe(0);
  });

  it("lets faculty, and nobody else, approve a pen name, and a changed pen name waits for approval again", async () => {
    const [writer, editor, adviser] = await Promise.all([createTestUser({ role: "WRITER" }), createTestUser({ role: "EDITOR" }), createTestUser({ role: "ADVISER" })]);
    await updateOwnProfile({ actor: actorFor(writer), input: { bio: "Sports.", nameDisplay: "PEN_NAME", penName: "The Whistle" } });
    await expect(setPenNameApproval({ actor: actorFor(editor), input: { personId: writer.personId, approved: "true" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setPenNameApproval({ actor: actorFor(adviser), input: { personId: writer.personId, approved: "true" } });
    expect(await db.person.findUniqueOrThrow({ where: { id: writer.personId } })).toMatchObject({ penName: "The Whistle", penNameApproved: true });
    expect(await db.auditLog.count({ where: { action: "person.pen_name_approve", subject: writer.personId, actorId: adviser.userId } })).toBe(1);

    await updateOwnProfile({ actor: actorFor(writer), input: { bio: "Sports.", nameDisplay: "PEN_NAME", penName: "The Whistle" } });
    expect((await db.person.findUniqueOrThrow({ where: { id: writer.personId } })).penNameApproved).toBe(true);
    await updateOwnProfile({ actor: actorFor(writer), input: { bio: "Sports.", nameDisplay: "PEN_NAME", penName: "Referee" } });
    expect((await db.person.findUniqueOrThrow({ where: { id: writer.personId } })).penNameApproved).toBe(false);
    expect(await db.auditLog.count({ where: { action: "person.profile_update", subject: writer.personId } })).toBe(3);
  });

  it("changes your own password only with the current one, and audits it", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    await expect(changeOwnPassword({ actor: actorFor(writer), input: { current: "not the password", next: "a brand new passphrase" } })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { current: "That is not your current password." },
    });
    await changeOwnPassword({ actor: actorFor(writer), input: { current: TEST_PASSWORD, next: "a brand new passphrase" } });
    expect(await verifyCredentials({ email: writer.email, password: "a brand new passphrase" })).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "account.password_change", actorId: writer.userId } })).toBe(1);
    // The page they are on is not re-rendered: it would sign them out before they read the answer.
    const effects = await db.$transaction(
      async (tx) => (await changeOwnPasswordWithEffects({ actor: actorFor(writer), input: { current: "a brand new passphrase", next: "another new passphrase" }, tx })).effects,
    );
    expect(effects).toMatchObject({ actorSignedOut: true, readerSiteChanged: false });
  });
});

describe("API tokens", () => {
  it("are created and revoked by their owner only, each with an audit row", async () => {
    const [owner, other] = await Promise.all([createTestUser(), createTestUser()]);
    const created = await createApiToken({ actor: actorFor(owner), input: { name: "  Photo desk  " } });
    expect(created).toMatchObject({ name: "Photo desk", token: expect.stringMatching(/^mh_[A-Za-z0-9_-]{43}$/) });
    expect(await db.auditLog.count({ where: { action: "token.create", subject: created.id, actorId: owner.userId } })).toBe(1);

    await expect(revokeApiToken({ actor: actorFor(other), input: { tokenId: created.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findUserByApiToken(created.token))?.userId).toBe(owner.userId);
    await revokeApiToken({ actor: actorFor(owner), input: { tokenId: created.id } });
    expect(await findUserByApiToken(created.token)).toBeNull();
    expect(await db.auditLog.count({ where: { action: "token.revoke", subject: created.id } })).toBe(1);
    await expect(revokeApiToken({ actor: actorFor(owner), input: { tokenId: created.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("sessions end", () => {
  const signedInAgo = (ms: number) => Date.now() - ms;

  it("on “Sign out everywhere”: every earlier session is refused, a new sign-in is not, and it is audited", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const earlier = signedInAgo(1000);
    expect(await findActiveUser(writer.userId, earlier)).not.toBeNull();
    const { effects } = await signOutEverywhere({ actor: actorFor(writer) });
    expect(effects.actorSignedOut).toBe(true);
    expect(await findActiveUser(writer.userId, earlier)).toBeNull();
    const later = Date.now() + 1;
    expect((await findActiveUser(writer.userId, later))?.userId).toBe(writer.userId);
    expect(await db.auditLog.count({ where: { action: "account.sign_out_everywhere", actorId: writer.userId, subject: writer.userId } })).toBe(1);
  });

  it("when an account is deactivated and reactivated: the old sessions do not come back", async () => {
    const [adviser, writer] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser({ role: "WRITER" })]);
    const earlier = signedInAgo(1000);
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, active: false } });
    expect(await findActiveUser(writer.userId, earlier)).toBeNull();
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, active: true } });
    expect(await findActiveUser(writer.userId, earlier)).toBeNull();
    // Signing in afresh works; a role change alone ends nothing.
    const fresh = Date.now() + 1;
    expect(await findActiveUser(writer.userId, fresh)).not.toBeNull();
    await updateStaff({ actor: actorFor(adviser), input: { userId: writer.userId, role: "EDITOR" } });
    expect((await findActiveUser(writer.userId, fresh))?.role).toBe("EDITOR");
  });

  it("12 hours after their sign-in, however often they were refreshed; a session with no sign-in time is refused", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    expect(await findActiveUser(writer.userId, signedInAgo(SESSION_MAX_AGE_S * 1000 - 60_000))).not.toBeNull();
    expect(await findActiveUser(writer.userId, signedInAgo(SESSION_MAX_AGE_S * 1000 + 1000))).toBeNull();
    expect(await findActiveUser(writer.userId, 0)).toBeNull();
    // API tokens are not sessions: no sign-in time, no lifetime.
    expect(await findActiveUser(writer.userId)).not.toBeNull();
  });

  it("on sign-out (next-auth's signOut event): that session ends on the server, so a copy of its token is refused; other sessions stay", async () => {
    const { authOptions } = await import("@/lib/auth/options");
    const writer = await createTestUser({ role: "WRITER" });
    const session = (sid: string) => ({ sub: writer.userId, authTime: signedInAgo(1000), sid });
    const opened = () => createAuthSession({ userId: writer.userId, method: "credentials", userAgent: "", pendingSecondFactor: false, secondFactor: null });
    const [token, otherDevice] = [session(await opened()), session(await opened())];
    const refresh = (t: typeof token) => authOptions.callbacks!.jwt!({ token: { ...t }, user: undefined as never, account: null });
    await expect(refresh(token)).resolves.toMatchObject({ sub: writer.userId });
    await authOptions.events!.signOut!({ token, session: undefined as never });
    await expect(refresh(token)).rejects.toThrow("This session has ended.");
    await expect(refresh(otherDevice)).resolves.toMatchObject({ sub: writer.userId });
    expect(await db.auditLog.count({ where: { action: "account.session_end", actorId: writer.userId } })).toBe(1);
    // A token that names no session (issued before sessions were kept) is refused.
    await expect(refresh({ ...otherDevice, sid: undefined as never })).rejects.toThrow("This session has ended.");
    // A token past its 12 hours is refused by the refresh too.
    await expect(
      authOptions.callbacks!.jwt!({ token: { sub: writer.userId, authTime: Date.now() + 5 - SESSION_MAX_AGE_S * 1000 - 10_000 }, user: undefined as never, account: null }),
    ).rejects.toThrow("This session has ended.");
  });
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser } from "@/lib/testing/db";
import { setSsoOnly, updateSignInSettings } from "@/lib/testing/use-cases";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { verifyCredentials } from "@/lib/data/users";
import { TEST_PASSWORD } from "@/lib/testing/db";
import { matchSsoSignIn } from "./sso-sign-in";

const claims = (email: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${email}`, email, email_verified: true, ...extra });

async function entries(action: string, subject: string) {
  const rows = await db.auditLog.findMany({ where: { action, subject }, select: { details: true } });
  return rows.map((r) => ({ details: r.details ? (JSON.parse(r.details) as unknown) : null }));
}
const refusals = (subject: string) => entries("auth.sso_refused", subject);

describe("single sign-on account matching", () => {
  afterEach(async () => {
    await db.publication.updateMany({ where: { id: 1 }, data: { ssoAllowedDomains: "" } });
  });

  it("opens the existing account by its email, as Masthead knows it, whatever role the provider claims", async () => {
    const writer = await createTestUser({ role: "WRITER" });
    const match = await matchSsoSignIn({ provider: "oidc", claims: claims(writer.email.toUpperCase(), { role: "admin", name: "Someone Else" }), audit: true });
    expect(match).toEqual({ id: writer.userId, email: writer.email, name: writer.fullName });
    expect((await db.user.findUniqueOrThrow({ where: { id: writer.userId } })).role).toBe("WRITER");
  });

  it("refuses an unknown email, a deactivated account and an unverified email, with an audit entry each", async () => {
    const gone = await createTestUser({ active: false });
    const unverified = await createTestUser();
    const unknown = `nobody-${Date.now()}@test.example`;
    expect(await matchSsoSignIn({ provider: "oidc", claims: claims(unknown), audit: true })).toBeNull();
    expect(await matchSsoSignIn({ provider: "oidc", claims: claims(gone.email), audit: true })).toBeNull();
    expect(await matchSsoSignIn({ provider: "google", claims: claims(unverified.email, { email_verified: false }), audit: true })).toBeNull();
    expect(await refusals(unknown)).toEqual([{ details: { provider: "oidc", reason: "unknown_account" } }]);
    expect(await refusals(gone.email)).toEqual([{ details: { provider: "oidc", reason: "inactive" } }]);
    expect(await refusals(unverified.email)).toEqual([{ details: { provider: "google", reason: "email_unverified" } }]);
  });

  it("keeps to the allowed domains Settings sets", async () => {
    await db.publication.upsert({ where: { id: 1 }, update: {}, create: { id: 1, name: "Masthead" } });
    const [adviser, writer] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser()]);
    await updateSignInSettings({ actor: actorFor(adviser), input: { ssoAllowedDomains: "@school.org, students.school.org" } });
    expect(await matchSsoSignIn({ provider: "oidc", claims: claims(writer.email), audit: true })).toBeNull();
    expect(await refusals(writer.email)).toEqual([{ details: { provider: "oidc", reason: "domain_not_allowed" } }]);
    await updateSignInSettings({ actor: actorFor(adviser), input: { ssoAllowedDomains: "school.org, test.example" } });
    expect(await matchSsoSignIn({ provider: "oidc", claims: claims(writer.email), audit: true })).not.toBeNull();
    await expect(updateSignInSettings({ actor: actorFor(adviser), input: { ssoAllowedDomains: "school.org, not a domain" } })).rejects.toMatchObject({
      fields: { ssoAllowedDomains: "Enter domains like school.org, separated by commas." },
    });
    await expect(updateSignInSettings({ actor: actorFor(writer), input: { ssoAllowedDomains: "" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an SSO-only account refuses its right password and still signs in through the provider", async () => {
    const [adviser, writer] = await Promise.all([createTestUser({ role: "ADVISER" }), createTestUser()]);
    expect(await verifyCredentials({ email: writer.email, password: TEST_PASSWORD })).not.toBeNull();
    await setSsoOnly({ actor: actorFor(adviser), input: { userId: writer.userId, ssoOnly: "on" } });
    expect(await verifyCredentials({ email: writer.email, password: TEST_PASSWORD })).toBeNull();
    expect(await matchSsoSignIn({ provider: "oidc", claims: claims(writer.email), audit: false })).not.toBeNull();
    expect(await entries("auth.sign_in_failed", writer.email)).toEqual([{ details: { reason: "sso_only" } }]);
    await expect(setSsoOnly({ actor: actorFor(writer), input: { userId: adviser.userId, ssoOnly: "on" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setSsoOnly({ actor: actorFor(adviser), input: { userId: writer.userId, ssoOnly: "off" } });
    expect(await verifyCredentials({ email: writer.email, password: TEST_PASSWORD })).not.toBeNull();
  });
});

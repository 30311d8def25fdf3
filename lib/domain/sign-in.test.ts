import { describe, expect, it } from "vitest";
import { decideSsoSignIn, domainAllowed, parseDomains, providerDidMultiFactor, secondFactorRequired, ssoIdentity } from "./sign-in";

const verified = (email: string) => ({ email, emailVerified: true });

describe("who single sign-on lets in", () => {
  const active = { active: true };
  it.each([
    ["an existing active account with a verified email", verified("a@school.org"), active, [], { ok: true }],
    ["the same inside the allowed domains", verified("a@school.org"), active, ["school.org"], { ok: true }],
    ["an unknown email (nobody signs up by themselves)", verified("new@school.org"), null, [], { ok: false, reason: "unknown_account" }],
    ["a deactivated account", verified("a@school.org"), { active: false }, [], { ok: false, reason: "inactive" }],
    ["an email the provider has not verified", { email: "a@school.org", emailVerified: false }, active, [], { ok: false, reason: "email_unverified" }],
    ["no email at all", { email: null, emailVerified: true }, active, [], { ok: false, reason: "no_email" }],
    ["an existing account outside the allowed domains", verified("a@gmail.com"), active, ["school.org"], { ok: false, reason: "domain_not_allowed" }],
    ["a subdomain that is not listed", verified("a@evil.school.org"), active, ["school.org"], { ok: false, reason: "domain_not_allowed" }],
    ["a domain that only ends like the school's", verified("a@notschool.org"), active, ["school.org"], { ok: false, reason: "domain_not_allowed" }],
  ] as const)("%s", (_name, identity, account, allowedDomains, expected) => {
    expect(decideSsoSignIn({ identity, account, allowedDomains })).toEqual(expected);
  });

  it("refuses an outside domain the same way whether or not the account exists", () => {
    const args = { identity: verified("x@elsewhere.test"), allowedDomains: ["school.org"] };
    expect(decideSsoSignIn({ ...args, account: null })).toEqual(decideSsoSignIn({ ...args, account: { active: true } }));
  });

  it("parses the allowlist as people type it", () => {
    expect(parseDomains(" @NLCSJeju.kr, school.org;school.org\nstudents.school.org ")).toEqual(["nlcsjeju.kr", "school.org", "students.school.org"]);
    expect(parseDomains("")).toEqual([]);
    expect(domainAllowed("A@School.ORG", ["school.org"])).toBe(true);
    expect(domainAllowed("a@anything.test", [])).toBe(true);
  });
});

describe("the email a provider vouches for", () => {
  it("takes email_verified from Google and generic providers, and nothing else (no role)", () => {
    expect(ssoIdentity("oidc", { email: "A@School.org", email_verified: true, role: "admin" })).toEqual({ email: "a@school.org", emailVerified: true });
    expect(ssoIdentity("google", { email: "a@school.org", email_verified: false })).toEqual({ email: "a@school.org", emailVerified: false });
    expect(ssoIdentity("oidc", { email: "a@school.org" })).toEqual({ email: "a@school.org", emailVerified: false });
  });

  it("trusts Microsoft's email only from the one configured tenant", () => {
    const tid = "0b5c4b5e-1111-2222-3333-444455556666";
    expect(ssoIdentity("azure-ad", { email: "a@school.org", tid }, { microsoftTenantId: tid })).toEqual({ email: "a@school.org", emailVerified: true });
    expect(ssoIdentity("azure-ad", { preferred_username: "a@school.org", tid }, { microsoftTenantId: tid }).email).toBe("a@school.org");
    expect(ssoIdentity("azure-ad", { email: "a@school.org", tid: "another-tenant" }, { microsoftTenantId: tid }).emailVerified).toBe(false);
    expect(ssoIdentity("azure-ad", { email: "a@school.org", tid: "common" }, { microsoftTenantId: "common" }).emailVerified).toBe(false);
    expect(ssoIdentity("azure-ad", { email: "a@school.org", tid }, {}).emailVerified).toBe(false);
  });
});

describe("a provider's second factor", () => {
  it.each([
    [{ amr: ["pwd", "mfa"] }, true],
    [{ amr: ["pwd", "otp"] }, true],
    [{ amr: ["pwd", "hwk"] }, true],
    [{ amr: ["pwd"] }, false],
    [{ amr: "mfa" }, false],
    [{ acr: "http://schemas.openid.net/pape/policies/2007/06/multi-factor" }, true],
    [{ acr: "urn:example:mfa" }, true],
    [{ acr: "1" }, false],
    [{ acr: "urn:example:nomfa-ish" }, false],
    [{}, false],
  ])("%j → %s", (claims, expected) => {
    expect(providerDidMultiFactor(claims)).toBe(expected);
  });
});

describe("who must use a second factor", () => {
  it.each([
    ["WRITER", { required: true, editors: true }, false],
    ["EDITOR", { required: true, editors: false }, false],
    ["EDITOR", { required: true, editors: true }, true],
    ["ADVISER", { required: true, editors: false }, true],
    ["ADMIN", { required: true, editors: false }, true],
    ["ADVISER", { required: false, editors: true }, false],
  ] as const)("%s under %j → %s", (role, policy, expected) => {
    expect(secondFactorRequired(role, policy)).toBe(expected);
  });
});

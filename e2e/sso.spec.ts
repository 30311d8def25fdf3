import type { Page } from "@playwright/test";
import { E2E_IDP } from "../playwright.config";
import { expect, test } from "./fixtures";

/**
 * Single sign-on against a real OpenID provider (issue #14): e2e/school-idp.mjs runs panva's
 * oidc-provider as the school's directory, and the e2e server is configured with it
 * (MASTHEAD_OIDC_*, playwright.config.ts), so every spec runs with SSO on. Its sign-in page
 * takes any email and claims `role: "admin"` for everyone. Single sign-on accepts the domains
 * in E2E_IDP.allowedDomains only.
 */

type Member = { name: string; email: string };
const PASSWORD_FOR_NEW = (uid: string) => `sso-spec-${uid}-passphrase`;

async function addStaff(adviser: Page, member: Member, uid: string, role: "WRITER" | "EDITOR" | "ADVISER" = "WRITER") {
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(member.name);
  await form.getByLabel("Email", { exact: true }).fill(member.email);
  await form.getByLabel("Role", { exact: true }).selectOption(role);
  await form.getByLabel("Temporary password", { exact: true }).fill(PASSWORD_FOR_NEW(uid));
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account created for ${member.email}. Share the password with them privately.`);
}

/** From the sign-in page, through the school's provider, back to Masthead. */
async function signInWithSchoolId(page: Page, email: string, opts: { securityKey?: boolean } = {}) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${E2E_IDP.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_IDP.url}/interaction/`));
  await page.getByLabel("School email").fill(email);
  if (opts.securityKey) await page.getByLabel("I used my security key").check();
  await page.getByRole("button", { name: "Continue to Masthead" }).click();
}

async function expectRefused(page: Page) {
  await expect(page).toHaveURL(/\/login\/not-on-staff$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ask your adviser to add you to the staff list");
  // And nobody is signed in.
  expect(await (await page.request.get("/api/auth/session")).json()).toEqual({});
}

async function expectAudited(adviser: Page, email: string, reason: string) {
  await adviser.goto("/newsroom/audit?action=auth.sso_refused");
  const row = adviser.getByTestId("audit-table").getByRole("row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(reason);
}

test.describe("single sign-on", () => {
  test("the sign-in page offers the school's provider above the password form", async ({ anonymousPage }) => {
    const page = await anonymousPage();
    await page.goto("/login");
    const button = page.getByRole("button", { name: `Sign in with ${E2E_IDP.name}` });
    await expect(button).toBeVisible();
    const buttonBox = (await button.boundingBox())!;
    const emailBox = (await page.getByLabel("Email", { exact: true }).boundingBox())!;
    expect(buttonBox.y).toBeLessThan(emailBox.y);
  });

  test("a writer whose account exists signs in through the provider with no password; the provider's role: admin changes nothing", async ({ pageAs, anonymousPage, uid }) => {
    const adviser = await pageAs("adviser");
    const writer = { name: `SSO Writer ${uid}`, email: `sso.writer.${uid}@school.test` };
    await addStaff(adviser, writer, uid);

    const page = await anonymousPage();
    await signInWithSchoolId(page, writer.email);
    await expect(page).toHaveURL(/\/newsroom$/);
    const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string; name?: string } };
    expect(session.user).toMatchObject({ email: writer.email, name: writer.name });

    // Still a writer: the provider said admin, Masthead says writer.
    await page.goto("/newsroom/account");
    await expect(page.getByText(`${writer.email} · Writer`)).toBeVisible();
    await expect(page.getByTestId("session-table").getByRole("row").filter({ hasText: "(this browser)" })).toContainText(`Single sign-on (${E2E_IDP.name})`);
    for (const path of ["/newsroom/staff", "/newsroom/settings", "/newsroom/audit"]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
    }
    await adviser.goto("/newsroom/staff");
    await expect(adviser.getByRole("row").filter({ hasText: writer.email })).toContainText("Writer");
  });

  test("an unknown student is refused with the staff-list page, and the refusal is audited", async ({ pageAs, anonymousPage, uid }) => {
    const page = await anonymousPage();
    const email = `unknown.student.${uid}@school.test`;
    await signInWithSchoolId(page, email);
    await expectRefused(page);
    await expectAudited(await pageAs("adviser"), email, "unknown_account");
  });

  test("a deactivated writer is refused", async ({ pageAs, anonymousPage, uid }) => {
    const adviser = await pageAs("adviser");
    const writer = { name: `Graduated Writer ${uid}`, email: `graduated.${uid}@school.test` };
    await addStaff(adviser, writer, uid);
    const row = adviser.getByRole("row").filter({ hasText: writer.email });
    await row.getByRole("button", { name: "Deactivate" }).click();
    await row.getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(row).toContainText("Deactivated");

    const page = await anonymousPage();
    await signInWithSchoolId(page, writer.email);
    await expectRefused(page);
    await expectAudited(adviser, writer.email, "inactive");
  });

  test("an email outside the allowed domains is refused, even for an existing account", async ({ pageAs, anonymousPage, uid }) => {
    const adviser = await pageAs("adviser");
    const writer = { name: `Elsewhere Writer ${uid}`, email: `writer.${uid}@elsewhere.test` };
    await addStaff(adviser, writer, uid);

    const page = await anonymousPage();
    await signInWithSchoolId(page, writer.email);
    await expectRefused(page);
    await expectAudited(adviser, writer.email, "domain_not_allowed");
    // The allowlist is for single sign-on: their password still works.
    await pageAs({ email: writer.email, password: PASSWORD_FOR_NEW(uid) });
  });

  test("an SSO-only writer cannot use their password, and still signs in through the provider", async ({ pageAs, anonymousPage, apiAs, uid }) => {
    const adviser = await pageAs("adviser");
    const writer = { name: `SSO Only ${uid}`, email: `sso.only.${uid}@school.test` };
    await addStaff(adviser, writer, uid);
    const row = adviser.getByRole("row").filter({ hasText: writer.email });
    await row.getByRole("button", { name: `Make ${writer.name} SSO only` }).click();
    await expect(row).toContainText("SSO only");

    await expect(apiAs({ email: writer.email, password: PASSWORD_FOR_NEW(uid) })).rejects.toThrow(/refused/);
    const page = await anonymousPage();
    await signInWithSchoolId(page, writer.email);
    await expect(page).toHaveURL(/\/newsroom$/);
  });

  test("Settings shows which providers are configured, never a secret", async ({ pageAs }) => {
    const adviser = await pageAs("adviser");
    await adviser.goto("/newsroom/settings");
    await expect(adviser.getByTestId("sso-providers")).toContainText(`Sign in with ${E2E_IDP.name}: OpenID Connect, issuer ${E2E_IDP.url}`);
    expect(await adviser.content()).not.toContain(E2E_IDP.clientSecret);
  });
});

import { E2E_IDP } from "../playwright.config";
import { expect, test } from "./fixtures";
import { addAdviser, enrol, enterCode, totp } from "./two-factor.fixtures";

/**
 * Two-factor sign-in (issue #14). Each test makes its own advisers: the demo adviser, whom
 * other specs sign in as, never enrols. Codes are computed here from the secret the enrolment
 * page shows, as an authenticator app would (RFC 6238: 30 s steps, six digits).
 */

test.describe("two-factor sign-in", () => {
  test("an adviser enrols; sign-in then asks for a code; a wrong code is refused and counted; a recovery code works once", async ({ pageAs, uid }) => {
    const demo = await pageAs("adviser");
    const adviser = await addAdviser(demo, uid, "Enrolling Adviser");

    const first = await pageAs(adviser);
    await first.goto("/newsroom/account");
    await expect(first.getByTestId("two-factor-status")).toContainText("Off.");
    await first.getByRole("link", { name: "Set up two-factor sign-in" }).click();
    const { secret, recoveryCodes } = await enrol(first);
    await first.getByRole("link", { name: "I have saved my recovery codes" }).click();
    await expect(first).toHaveURL(/\/newsroom$/);
    // The recovery codes are shown once: the page does not show them again.
    await first.goto("/two-factor/enrol");
    await expect(first.getByText("Two-factor sign-in is on for your account.")).toBeVisible();
    expect(await first.content()).not.toContain(recoveryCodes[0]!);

    // The password alone now opens nothing but the code page.
    const second = await pageAs(adviser);
    await second.goto("/newsroom");
    await expect(second).toHaveURL(/\/two-factor$/);
    expect((await second.request.get("/api/v1/articles")).status()).toBe(401);
    const wrong = String((Number(totp(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    await enterCode(second, wrong);
    await expect(second.getByText("That code is not right. Try the app's current code, or a recovery code.")).toBeVisible();
    await expect(second).toHaveURL(/\/two-factor$/);
    await enterCode(second, totp(secret, 1));
    await expect(second).toHaveURL(/\/newsroom$/);
    expect((await second.request.get("/api/v1/articles")).status()).toBe(200);

    // A recovery code works once.
    const third = await pageAs(adviser);
    await third.goto("/newsroom");
    await enterCode(third, recoveryCodes[0]!);
    await expect(third.getByRole("status")).toContainText("That code is used up; 9 are left.");
    await third.getByRole("link", { name: "Continue to the newsroom" }).click();
    await expect(third).toHaveURL(/\/newsroom$/);
    const fourth = await pageAs(adviser);
    await fourth.goto("/newsroom");
    await enterCode(fourth, recoveryCodes[0]!);
    await expect(fourth.getByText("That code is not right. Try the app's current code, or a recovery code.")).toBeVisible();
    await enterCode(fourth, recoveryCodes[1]!);
    await expect(fourth.getByRole("status")).toContainText("8 are left.");

    // The failures were counted: each is in the audit log, against this account.
    await demo.goto("/newsroom/audit?action=auth.second_factor_failed");
    await expect(demo.getByTestId("audit-table").getByRole("row").filter({ hasText: adviser.name })).toHaveCount(2);
    // The secret and the recovery codes never reach the audit log.
    await demo.goto("/newsroom/audit");
    const audit = await demo.content();
    expect(audit).not.toContain(secret);
    for (const code of recoveryCodes) expect(audit).not.toContain(code);
  });

  test("on Your account, an adviser makes new recovery codes (the old ones stop working) and turns two-factor sign-in off with a code", async ({ pageAs, uid }) => {
    const demo = await pageAs("adviser");
    const adviser = await addAdviser(demo, uid, "Account Adviser");
    const page = await pageAs(adviser);
    await page.goto("/two-factor/enrol");
    const { secret, recoveryCodes } = await enrol(page);
    await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
    await page.goto("/newsroom/account");
    await expect(page.getByTestId("two-factor-status")).not.toContainText("Off.");

    // New recovery codes need the app's code; a wrong one is named next to the field.
    const regen = page.getByRole("form", { name: "New recovery codes" });
    await regen.getByLabel("Code from the app").fill("000000");
    await regen.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(regen.getByText("That code is not right. Enter the six digits the app shows now.")).toBeVisible();
    await regen.getByLabel("Code from the app").fill(totp(secret, 1));
    await regen.getByRole("button", { name: "Make new recovery codes" }).click();
    await expect(page.getByText("New recovery codes. Save them now: they will not be shown again, and your old codes no longer work.")).toBeVisible();
    const fresh = await page.getByRole("list", { name: "New recovery codes" }).getByRole("listitem").allTextContents();
    expect(fresh).toHaveLength(10);
    for (const code of fresh) expect(recoveryCodes).not.toContain(code);

    // Turning it off: an old recovery code no longer works, a new one does.
    await page.reload();
    const off = page.getByRole("form", { name: "Turn off two-factor sign-in" });
    await off.getByLabel("Code to turn it off").fill(recoveryCodes[2]!);
    await off.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await expect(off.getByText("That code is not right. Enter the app's current code, or a recovery code.")).toBeVisible();
    await expect(page.getByTestId("two-factor-status")).not.toContainText("Off.");
    await off.getByLabel("Code to turn it off").fill(fresh[0]!);
    await off.getByRole("button", { name: "Turn off two-factor sign-in" }).click();
    await expect(page.getByTestId("two-factor-status")).toContainText("Off.");

    // The password alone signs in again, and both changes are in the audit log.
    const again = await pageAs(adviser);
    await again.goto("/newsroom");
    await expect(again).toHaveURL(/\/newsroom$/);
    for (const action of ["account.two_factor_recovery_regenerate", "account.two_factor_disable"]) {
      await demo.goto(`/newsroom/audit?action=${action}`);
      await expect(demo.getByTestId("audit-table").getByRole("row").filter({ hasText: adviser.name }), action).toHaveCount(1);
    }
  });

  test("a provider's own second factor (amr) counts; without it Masthead asks for its code", async ({ pageAs, anonymousPage, uid }) => {
    const demo = await pageAs("adviser");
    const adviser = await addAdviser(demo, uid, "Key Adviser");
    const page = await pageAs(adviser);
    await page.goto("/two-factor/enrol");
    await enrol(page);

    const viaSso = async (securityKey: boolean) => {
      const p = await anonymousPage();
      await p.goto("/login");
      await p.getByRole("button", { name: `Sign in with ${E2E_IDP.name}` }).click();
      await p.getByLabel("School email").fill(adviser.email);
      if (securityKey) await p.getByLabel("I used my security key").check();
      await p.getByRole("button", { name: "Continue to Masthead" }).click();
      return p;
    };
    await expect(await viaSso(true)).toHaveURL(/\/newsroom$/);
    await expect(await viaSso(false)).toHaveURL(/\/two-factor$/);
  });

  test("with two-factor sign-in required, an adviser without a second factor is sent to enrol before reaching the newsroom", async ({ pageAs, uid }) => {
    const demo = await pageAs("adviser");
    const [keeper, newcomer] = [await addAdviser(demo, uid, "Keeper Adviser"), await addAdviser(demo, uid, "Newcomer Adviser")];
    // The adviser who turns the rule on has a second factor, and turns it off again at the end.
    const keeperPage = await pageAs(keeper);
    await keeperPage.goto("/two-factor/enrol");
    await enrol(keeperPage);
    const setRequired = async (on: boolean) => {
      await keeperPage.goto("/newsroom/settings");
      const form = keeperPage.getByRole("form", { name: "Sign-in settings" });
      await form.getByLabel("Require two-factor sign-in for advisers and administrators").setChecked(on);
      await form.getByRole("button", { name: "Save sign-in settings" }).click();
      await expect(form.getByRole("status")).toHaveText("Sign-in settings saved.");
    };
    await setRequired(true);
    try {
      const page = await pageAs(newcomer);
      for (const path of ["/newsroom", "/newsroom/articles/new", "/newsroom/settings"]) {
        await page.goto(path);
        await expect(page, path).toHaveURL(/\/two-factor\/enrol$/);
      }
      await expect(page.getByText("Your publication requires a second factor for your role.")).toBeVisible();
      expect((await page.request.get("/api/v1/articles")).status()).toBe(401);
      await enrol(page);
      await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
      await expect(page).toHaveURL(/\/newsroom$/);
      // A writer is not asked.
      const writer = await pageAs("writer");
      await writer.goto("/newsroom");
      await expect(writer).toHaveURL(/\/newsroom$/);
    } finally {
      await setRequired(false);
    }
  });
});

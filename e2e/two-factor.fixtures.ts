import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

// Steps of e2e/two-factor.spec.ts that e2e/two-instances.pg.ts takes too.

export type Adviser = { name: string; email: string; password: string };

/** The code for the step `offset` steps from now. The server accepts now ± 1, each step once. */
export function totp(secret: string, offset = 0): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(Date.now() / 30_000) + offset), 6);
}

export async function addAdviser(adviser: Page, uid: string, who: string): Promise<Adviser> {
  const member = { name: `${who} ${uid}`, email: `${who.toLowerCase().replace(/\W+/g, ".")}.${uid}@school.test`, password: `tfa-${uid}-passphrase` };
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(member.name);
  await form.getByLabel("Email", { exact: true }).fill(member.email);
  await form.getByLabel("Role", { exact: true }).selectOption("ADVISER");
  await form.getByLabel("Temporary password", { exact: true }).fill(member.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account created for ${member.email}. Share the password with them privately.`);
  return member;
}

/** On the enrolment page: set up, confirm with a computed code, read the recovery codes. */
export async function enrol(page: Page) {
  await page.getByRole("button", { name: "Set up an authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Code from the app").fill(totp(secret));
  await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(page.getByRole("status")).toHaveText("Two-factor sign-in is on. Save these recovery codes now: they will not be shown again.");
  const recoveryCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes };
}

export async function enterCode(page: Page, code: string) {
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

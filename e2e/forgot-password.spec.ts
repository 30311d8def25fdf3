import { mkdirSync } from "node:fs";
import { SMTPServer } from "smtp-server";
import { E2E_SMTP_PORT } from "../playwright.config";
import { expect, SignInRefused, signIn, test } from "./fixtures";

/**
 * "Forgot password" end to end, through the server's configured SMTP server: a real SMTP catcher
 * listens on the port playwright.config.ts gives the e2e server (as lib/data/notifications.test.ts
 * catches the digest), and the test follows the link in the email it receives.
 */
const received: { to: string; text: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    let data = "";
    stream.on("data", (chunk: Buffer) => (data += chunk.toString()));
    stream.on("end", () => {
      // Quoted-printable folds long lines and escapes "=": decode it to read the link.
      const text = data.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), text });
      callback();
    });
  },
});

test.beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(E2E_SMTP_PORT, "127.0.0.1", () => resolve());
  });
});
test.afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const RESET_SENT = "If an active account uses that address, we have emailed it a link to choose a new password. The link works once, within an hour.";

test("a forgotten password is reset by an emailed single-use link, the answer never says whether an account exists, and other sessions end", async ({
  pageAs,
  anonymousPage,
  playwright,
  baseURL,
  uid,
}) => {
  const person = { name: `Ira Moss ${uid}`, email: `ira.${uid}@e2e.test`, password: `temporary-${uid}` };
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(person.name);
  await form.getByLabel("Email", { exact: true }).fill(person.email);
  await form.getByLabel("Temporary password", { exact: true }).fill(person.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toContainText(`Account created for ${person.email}.`);

  // A session of theirs elsewhere (say, a lab computer), which the reset must end.
  const elsewhere = await playwright.request.newContext({ baseURL });
  await signIn(elsewhere, { email: person.email, password: person.password });

  // From the sign-in page.
  const page = await anonymousPage();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Forgot your password?");
  mkdirSync("test-results/newsroom-polish", { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `test-results/newsroom-polish/8-forgot-password-${width}.png`, fullPage: true });
  }

  // An address with no account gets the same answer, and no email.
  await page.getByLabel("Email", { exact: true }).fill(`nobody.${uid}@e2e.test`);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(RESET_SENT);
  await page.reload();
  await page.getByLabel("Email", { exact: true }).fill(person.email.toUpperCase());
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(RESET_SENT);
  await expect.poll(() => received.filter((m) => m.to === person.email).length, { timeout: 15_000 }).toBe(1);
  expect(received.some((m) => m.to === `nobody.${uid}@e2e.test`)).toBe(false);
  const mail = received.find((m) => m.to === person.email)!;
  const link = /(http:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  expect(link, mail.text).toBeDefined();

  // The link: a new password, typed twice.
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill(`a new passphrase ${uid}`);
  await page.getByLabel("New password again", { exact: true }).fill("something else");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords differ. Type the same one twice.")).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(`a new passphrase ${uid}`);
  await page.getByLabel("New password again", { exact: true }).fill(`a new passphrase ${uid}`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: `test-results/newsroom-polish/8-reset-done-${width}.png`, fullPage: true });
  }

  // The other session has ended; the old password no longer works, the new one does.
  const session = (await (await elsewhere.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user).toBeUndefined();
  await elsewhere.dispose();
  const fresh = await playwright.request.newContext({ baseURL });
  await expect(signIn(fresh, { email: person.email, password: person.password })).rejects.toBeInstanceOf(SignInRefused);
  await signIn(fresh, { email: person.email, password: `a new passphrase ${uid}` });
  await fresh.dispose();

  // The link works once.
  await page.goto(link!);
  await page.getByLabel("New password", { exact: true }).fill(`another passphrase ${uid}`);
  await page.getByLabel("New password again", { exact: true }).fill(`another passphrase ${uid}`);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("This reset link has expired or was already used.")).toBeVisible();
});

test("asking for reset links again and again sends three emails an hour at most, with the same answer every time", async ({ pageAs, anonymousPage, uid }) => {
  const email = `flood.${uid}@e2e.test`;
  const adviser = await pageAs("adviser");
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(`Flo Od ${uid}`);
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Temporary password", { exact: true }).fill(`temporary-${uid}`);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toContainText(`Account created for ${email}.`);

  const page = await anonymousPage();
  for (let i = 0; i < 5; i++) {
    await page.goto("/forgot-password");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await expect(page.getByRole("status")).toHaveText(RESET_SENT);
  }
  await expect.poll(() => received.filter((m) => m.to === email).length, { timeout: 15_000 }).toBe(3);
  await page.waitForTimeout(2000);
  expect(received.filter((m) => m.to === email)).toHaveLength(3);
});

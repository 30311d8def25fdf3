import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_LOGIN_LIMITS } from "../playwright.config";
import { type Credentials, createStory, expect, SignInRefused, signIn, test, transition } from "./fixtures";

/**
 * Accounts and sessions (issue #5): the sign-in rate limit, password rules, changes that reach
 * an existing session on its next request, personal API tokens, security headers and the audit
 * log. Every test makes its own accounts through the Staff page; the demo accounts other specs
 * rely on are only ever signed in as.
 *
 * The e2e server runs with a short lockout window (E2E_LOGIN_LIMITS in playwright.config.ts)
 * and trusts no proxy, so it knows no client address: locks are per account only, and a test
 * that locks an account waits the window out before it ends.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BEARER_RE = /^mh_[A-Za-z0-9_-]{43}$/;

type Recruit = Credentials & { name: string };

function recruitFor(uid: string, who: string): Recruit {
  return { name: `${who} ${uid}`, email: `${who.toLowerCase().replace(/\W+/g, ".")}.${uid}@e2e.test`, password: `first-${uid}-passphrase` };
}

/** Add an account on the Staff page, as the adviser in `adviser`. */
async function addStaff(adviser: Page, recruit: Recruit, role: "WRITER" | "EDITOR") {
  await adviser.goto("/newsroom/staff");
  const form = adviser.getByRole("form", { name: "Add a staff member" });
  await form.getByLabel("Full name", { exact: true }).fill(recruit.name);
  await form.getByLabel("Email", { exact: true }).fill(recruit.email);
  await form.getByLabel("Role", { exact: true }).selectOption(role);
  await form.getByLabel("Temporary password", { exact: true }).fill(recruit.password);
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText(`Account created for ${recruit.email}. Share the password with them privately.`);
}

function staffRow(adviser: Page, email: string) {
  return adviser.getByRole("row").filter({ hasText: email });
}

/** One raw credentials POST; the caller judges the answer. `csrf: false` leaves the token out. */
async function attempt(api: APIRequestContext, who: Credentials, opts: { headers?: Record<string, string>; csrf?: boolean } = {}) {
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const form: Record<string, string> = { email: who.email, password: who.password, json: "true" };
  if (opts.csrf !== false) form.csrfToken = csrfToken;
  const res = await api.post("/api/auth/callback/credentials", { form, headers: opts.headers });
  const body = (await res.json()) as { url?: string; error?: { code: string; message: string; retryAfter: number } };
  return { res, body, status: res.status(), retryAfter: Number(res.headers()["retry-after"] ?? NaN) };
}

/** A 429 with a usable Retry-After within the configured window, and the JSON the form reads. */
function expectThrottled(result: Awaited<ReturnType<typeof attempt>>) {
  expect(result.status, JSON.stringify(result.body)).toBe(429);
  expect(result.retryAfter).toBeGreaterThanOrEqual(1);
  expect(result.retryAfter).toBeLessThanOrEqual(E2E_LOGIN_LIMITS.windowS);
  expect(result.body.error?.code).toBe("RATE_LIMITED");
  expect(result.body.error?.retryAfter).toBe(result.retryAfter);
  expect(result.body.error?.message).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
}

test.describe("sign-in rate limit", () => {
  test("a burst of wrong passwords locks the account (429 + Retry-After, in the API and the form) until the window ends", async ({ pageAs, anonymousPage, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const victim = recruitFor(uid, "Locked Out");
    await addStaff(adviser, victim, "WRITER");
    const wrong = { email: victim.email, password: "not-the-password-at-all" };

    // The form is open before the burst, so it is used while the lockout is on.
    const form = await anonymousPage();
    await form.goto("/login");

    const api = await playwright.request.newContext({ baseURL });
    for (let i = 0; i < E2E_LOGIN_LIMITS.perAccount - 1; i++) {
      // The same account however the email is typed.
      const r = await attempt(api, { ...wrong, email: i % 2 ? victim.email.toUpperCase() : ` ${victim.email}` });
      expect(r.status, `attempt ${i + 1}`).toBe(401);
      expect(r.body.url).toContain("error=CredentialsSignin");
    }
    // A request that never reaches the password check (no CSRF token) neither counts nor wipes the count.
    const noCsrf = await attempt(api, victim, { csrf: false });
    expect(noCsrf.status).not.toBe(429);
    expect(noCsrf.body.url).toContain("csrf=true");
    expect(noCsrf.res.headers()["set-cookie"] ?? "").not.toContain("session-token");
    expect((await attempt(api, wrong)).status, "the last failure the limit allows").toBe(401);

    const locked = await attempt(api, wrong);
    const lockedAt = Date.now();
    expectThrottled(locked);

    // The right password is refused too while the lockout lasts: in the API and in the form.
    expectThrottled(await attempt(api, victim));
    await form.getByLabel("Email", { exact: true }).fill(victim.email);
    await form.getByLabel("Password", { exact: true }).fill(victim.password);
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(form.getByRole("status")).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds?\.$/);
    await expect(form).toHaveURL(/\/login/);
    // Another account from the same address is not locked by this one.
    const bystander = await playwright.request.newContext({ baseURL });
    await signIn(bystander, { email: "writer2@demo.test", password: "masthead-demo" });
    await bystander.dispose();

    // Once the window has passed, the right password works, in the form.
    await sleep(Math.max(0, lockedAt + locked.retryAfter * 1000 + 500 - Date.now()));
    await form.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(form).toHaveURL(/\/newsroom$/);
    await expect(form.getByTestId("current-user")).toHaveText(victim.name);

    // The advisers see the failures and the refusals in the audit log.
    await adviser.goto(`/newsroom/audit?action=auth.sign_in_throttled`);
    await expect(adviser.getByTestId("audit-table").getByRole("row").filter({ hasText: victim.email }).first()).toContainText('"retryAfter"');
    await adviser.goto(`/newsroom/audit?action=auth.sign_in_failed`);
    await expect(adviser.getByTestId("audit-table").getByRole("row").filter({ hasText: victim.email }).filter({ hasText: "wrong_password" })).toHaveCount(
      E2E_LOGIN_LIMITS.perAccount,
    );
    await api.dispose();
  });

  test("a made-up X-Forwarded-For neither gets round the account lock nor locks anyone else", async ({ pageAs, playwright, baseURL, uid }) => {
    // Issue 12: an address never locks anyone out. With no trusted proxy the server cannot know
    // the client's address, so a claimed one is ignored: it buys no fresh attempts at an account,
    // and there is no shared per-address bucket that strangers' failures could fill.
    const adviser = await pageAs("adviser");
    const bystander = recruitFor(uid, "Bystander");
    const target = recruitFor(uid, "Targeted");
    await addStaff(adviser, bystander, "WRITER");
    await addStaff(adviser, target, "WRITER");

    const api = await playwright.request.newContext({ baseURL });
    // One CSRF cookie first: parallel first visits would each be handed a different one.
    expect((await api.get("/api/auth/csrf")).status()).toBe(200);
    const burst = await Promise.all(
      Array.from({ length: E2E_LOGIN_LIMITS.perAddress }, (_, i) =>
        attempt(api, { email: `nobody.${i}.${uid}@e2e.test`, password: "guessing-away-here" }, { headers: { "X-Forwarded-For": `203.0.113.${i + 1}` } }),
      ),
    );
    for (const r of burst) expect(r.status, JSON.stringify(r.body)).toBe(401);

    // Guesses at one account, each claiming a new address, still count as one client's.
    const wrong = { email: target.email, password: "not-the-password-at-all" };
    for (let i = 0; i < E2E_LOGIN_LIMITS.perAccount; i++) {
      expect((await attempt(api, wrong, { headers: { "X-Forwarded-For": `198.51.100.${i + 1}` } })).status, `attempt ${i + 1}`).toBe(401);
    }
    const locked = await attempt(api, target, { headers: { "X-Forwarded-For": "198.51.100.200" } });
    const lockedAt = Date.now();
    expectThrottled(locked);

    // Everyone else signs in at once, from the very client that made all those failures.
    const blocked = await attempt(api, bystander, { headers: { "X-Forwarded-For": "198.51.100.77" } });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);

    await sleep(Math.max(0, lockedAt + locked.retryAfter * 1000 + 500 - Date.now()));
    const fresh = await playwright.request.newContext({ baseURL });
    await signIn(fresh, target);
    await Promise.all([api.dispose(), fresh.dispose()]);
  });
});

test.describe("sessions", () => {
  test("a session cookie copied before sign-out is dead after it; other devices stay until Sign out everywhere, which ends them all", async ({ pageAs, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const member = recruitFor(uid, "Signing Out");
    await addStaff(adviser, member, "WRITER");

    const page = await pageAs(member);
    const other = await playwright.request.newContext({ baseURL });
    await signIn(other, member);
    // What someone who got hold of the cookie would replay.
    const cookie = (await page.context().cookies()).find((c) => /^(__Secure-)?next-auth\.session-token$/.test(c.name))!;
    expect(cookie, "the session cookie").toBeDefined();
    const copy = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Cookie: `${cookie.name}=${cookie.value}` } });
    expect((await copy.get("/api/v1/articles")).status()).toBe(200);

    // Signing out ends this session on the server (issue #14): the copy dies with it.
    await page.goto("/newsroom");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    const expectEnded = async (name: string, client: typeof copy) => {
      const res = await client.get("/api/v1/articles");
      expect(res.status(), name).toBe(401);
      // next-auth's own endpoint neither answers with the session nor re-issues its cookie.
      const session = await client.get("/api/auth/session");
      expect(await session.json(), name).toEqual({});
      expect(session.headers()["set-cookie"] ?? "", name).not.toMatch(/session-token=[^;]/);
    };
    await expectEnded("the copied cookie", copy);
    // Another device is another session: it stays signed in.
    expect((await other.get("/api/v1/articles")).status(), "another device").toBe(200);

    // Signed in again, then "Sign out everywhere" on the account page ends this session and the other device's.
    const again = await pageAs(member);
    await again.goto("/newsroom/account");
    await expect(again.getByTestId("session-table").getByRole("row")).toHaveCount(3);
    again.once("dialog", (dialog) => void dialog.accept());
    await again.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(again.getByRole("status").filter({ hasText: "Signed out everywhere" })).toHaveText("Signed out everywhere, this browser too. Sign in again to continue.");
    await again.goto("/newsroom");
    await expect(again).toHaveURL(/\/login/);
    await expectEnded("another device", other);
    // And a fresh sign-in works.
    const fresh = await playwright.request.newContext({ baseURL });
    await signIn(fresh, member);
    await adviser.goto("/newsroom/audit?action=account.sign_out_everywhere");
    await expect(adviser.getByTestId("audit-table").getByRole("row").filter({ hasText: member.name })).toHaveCount(1);
    await adviser.goto("/newsroom/audit?action=account.session_end");
    await expect(adviser.getByTestId("audit-table").getByRole("row").filter({ hasText: member.name })).toHaveCount(1);
    await Promise.all([other.dispose(), copy.dispose(), fresh.dispose()]);
  });

  test("Your account lists each session with its device and how it signed in, and ends one without the others", async ({ pageAs, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const member = recruitFor(uid, "Many Devices");
    await addStaff(adviser, member, "WRITER");
    const phone = await playwright.request.newContext({
      baseURL,
      userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    });
    await signIn(phone, member);
    const page = await pageAs(member);
    await page.goto("/newsroom/account");
    const rows = page.getByTestId("session-table").getByRole("row");
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "(this browser)" })).toContainText("Password");
    const phoneRow = rows.filter({ hasText: "Safari 17 on iOS" });
    await expect(phoneRow).toContainText("(mobile)");
    await phoneRow.getByRole("button", { name: "End", exact: true }).click();
    // The list is drawn again without it.
    await expect(phoneRow).toHaveCount(0);
    await expect(rows).toHaveCount(2);
    expect((await phone.get("/api/v1/articles")).status()).toBe(401);
    expect((await page.request.get("/api/v1/articles")).status()).toBe(200);
    await page.reload();
    await expect(rows).toHaveCount(2);
    await phone.dispose();
  });

  test("after sign-in, ?next= never leads to another site", async ({ anonymousPage, baseURL }) => {
    const page = await anonymousPage();
    for (const next of ["/%5Cevil.example/x", "//evil.example/x", "https://evil.example/"]) {
      await page.context().clearCookies();
      await page.goto(`/login?next=${next}`);
      await page.getByLabel("Email", { exact: true }).fill("writer2@demo.test");
      await page.getByLabel("Password", { exact: true }).fill("masthead-demo");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page, next).toHaveURL(`${baseURL}/newsroom`);
    }
    // A path on this site is kept.
    await page.context().clearCookies();
    await page.goto(`/login?next=${encodeURIComponent("/newsroom/account")}`);
    await page.getByLabel("Email", { exact: true }).fill("writer2@demo.test");
    await page.getByLabel("Password", { exact: true }).fill("masthead-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/newsroom/account`);
  });
});

test.describe("passwords", () => {
  test("too short and common passwords are refused next to the field, on the account and staff forms", async ({ pageAs, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const member = recruitFor(uid, "Pass Word");
    await addStaff(adviser, member, "WRITER");

    const page = await pageAs(member);
    await page.goto("/newsroom/account");
    const current = page.getByLabel("Current password", { exact: true });
    const next = page.getByLabel("New password", { exact: true });
    const change = page.getByRole("button", { name: "Change password" });
    // Short and common alternate, so each answer differs from the one before it on screen.
    const short = "Use at least 10 characters.";
    const common = "That password is on lists of common passwords. Choose another.";
    for (const [password, message] of [
      ["short-1", short],
      ["password1234", common],
      ["tiny", short],
      ["JOURNALISM", common],
      ["nine-char", short],
      ["masthead-demo", common],
      ["abc", short],
      ["zzzzzzzzzzzz", common],
    ]) {
      await current.fill(member.password);
      await next.fill(password!);
      await change.click();
      await expect(next, password).toHaveAccessibleDescription(message!);
      await expect(next).toHaveAttribute("aria-invalid", "true");
    }
    // Nothing changed: the old password still signs in and this session is still good.
    const check = await playwright.request.newContext({ baseURL });
    await signIn(check, member);
    await check.dispose();
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();

    // The staff form refuses them too, and creates nobody.
    await adviser.goto("/newsroom/staff");
    const form = adviser.getByRole("form", { name: "Add a staff member" });
    const temporary = form.getByLabel("Temporary password", { exact: true });
    const refused = recruitFor(uid, "Never Made");
    for (const [password, message] of [
      ["2short", "Use at least 10 characters."],
      ["qwertyuiop", "That password is on lists of common passwords. Choose another."],
    ]) {
      await form.getByLabel("Full name", { exact: true }).fill(refused.name);
      await form.getByLabel("Email", { exact: true }).fill(refused.email);
      await temporary.fill(password!);
      await form.getByRole("button", { name: "Add staff member" }).click();
      await expect(temporary, password).toHaveAccessibleDescription(message!);
      // What was typed stays, except the password.
      await expect(form.getByLabel("Email", { exact: true })).toHaveValue(refused.email);
      await expect(temporary).toHaveValue("");
    }
    await adviser.reload();
    await expect(staffRow(adviser, refused.email)).toHaveCount(0);
  });

  test("changing your own password ends your sessions; the new one works and the old one does not", async ({ pageAs, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const member = recruitFor(uid, "Own Change");
    await addStaff(adviser, member, "WRITER");
    const page = await pageAs(member);
    await page.goto("/newsroom/account");
    const renewed = `renewed-${uid}-phrase`;
    await page.getByLabel("Current password", { exact: true }).fill(member.password);
    await page.getByLabel("New password", { exact: true }).fill(renewed);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toHaveText("Password changed. Sign in again with the new one.");

    await page.goto("/newsroom");
    await expect(page).toHaveURL(/\/login/);
    const api = await playwright.request.newContext({ baseURL });
    await expect(signIn(api, member)).rejects.toThrow(SignInRefused);
    await signIn(api, { email: member.email, password: renewed });
    await api.dispose();
  });
});

test.describe("changes reach an existing session on its next request", () => {
  test("an editor demoted to writer loses editor access at once; a password reset signs them out", async ({ pageAs, playwright, baseURL, storyAt, uid }) => {
    const adviser = await pageAs("adviser");
    const editor = recruitFor(uid, "Demoted Editor");
    await addStaff(adviser, editor, "EDITOR");
    const submitted = await storyAt("SUBMITTED", `Story in review for a demotion (${uid})`);

    const page = await pageAs(editor);
    const session = page.context().request;
    expect((await page.goto("/newsroom/issues"))?.status()).toBe(200);
    expect((await page.goto(`/newsroom/articles/${submitted.id}`))?.status()).toBe(200);
    expect((await session.get(`/api/v1/articles/${submitted.id}`)).status()).toBe(200);

    const row = staffRow(adviser, editor.email);
    await adviser.goto("/newsroom/staff");
    await row.getByLabel(`Role for ${editor.name}`).selectOption("WRITER");
    await row.getByRole("button", { name: "Change role" }).click();
    await expect(row.getByRole("status")).toHaveText("Saved. The change applies to their very next request.");
    await expect(row.getByRole("cell").nth(2)).toHaveText("Writer");

    // Same cookie, same tab: the next request is a writer's.
    expect((await page.goto("/newsroom/issues"))?.status()).toBe(404);
    expect((await page.goto(`/newsroom/articles/${submitted.id}`))?.status()).toBe(404);
    const get = await session.get(`/api/v1/articles/${submitted.id}`);
    expect(get.status()).toBe(404);
    expect((await get.json()).error.code).toBe("NOT_FOUND");
    expect((await session.post(`/api/v1/articles/${submitted.id}/transitions`, { data: { action: "approve" } })).status()).toBe(404);
    await page.goto("/newsroom");
    await expect(page.getByRole("heading", { level: 1, name: "Stories" })).toBeVisible();

    // The adviser resets the password: that session ends on its next request.
    const reset = `reset-${uid}-by-adviser`;
    await adviser.reload();
    await row.getByLabel(`New password for ${editor.name}`).fill(reset);
    await row.getByRole("button", { name: "Reset password" }).click();
    await expect(row.getByRole("status").filter({ hasText: "Password reset." })).toHaveText(
      "Password reset. Their current sessions have ended; give them the new password privately.",
    );
    await page.goto("/newsroom");
    await expect(page).toHaveURL(/\/login/);
    const api = await session.get("/api/v1/articles");
    expect(api.status()).toBe(401);
    expect((await api.json()).error.code).toBe("UNAUTHENTICATED");

    const other = await playwright.request.newContext({ baseURL });
    await expect(signIn(other, editor)).rejects.toThrow(SignInRefused);
    await signIn(other, { email: editor.email, password: reset });
    expect((await other.get("/api/v1/articles")).status()).toBe(200);
    await other.dispose();
  });
});

test.describe("personal API tokens", () => {
  test("created in the UI and shown once, act with the owner's role, stop at revocation and at deactivation", async ({ pageAs, apiAs, playwright, baseURL, storyAt, uid }) => {
    const adviser = await pageAs("adviser");
    const owner = recruitFor(uid, "Token Owner");
    await addStaff(adviser, owner, "WRITER");
    const othersDraft = await storyAt("DRAFT", `Another writer's draft (${uid})`);
    const othersSubmitted = await storyAt("SUBMITTED", `Another writer's story in review (${uid})`);

    const page = await pageAs(owner);
    await page.goto("/newsroom/account");
    const createToken = async (name: string) => {
      await page.getByLabel("Token name", { exact: true }).fill(name);
      await page.getByRole("button", { name: "Create token" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Copy this token now" })).toHaveText("Copy this token now: it will not be shown again.");
      const token = await page.getByTestId("new-token").inputValue();
      expect(token).toMatch(BEARER_RE);
      return token;
    };
    const token = await createToken(`Upload script ${uid}`);
    const tokenRow = page.getByRole("row").filter({ hasText: `Upload script ${uid}` });
    await expect(tokenRow).toContainText("Never");

    // Shown once: a reload shows the name, never the secret.
    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    await expect(tokenRow).toBeVisible();
    const html = await (await page.context().request.get("/newsroom/account")).text();
    expect(html).toContain(`Upload script ${uid}`);
    expect(html).not.toContain(token);

    // Bearer only: no cookies in this client.
    const bearer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    const list = await bearer.get("/api/v1/articles");
    expect(list.status()).toBe(200);
    const ids = ((await list.json()) as { articles: { id: string }[] }).articles.map((a) => a.id);
    expect(ids).not.toContain(othersDraft.id);
    expect(ids).not.toContain(othersSubmitted.id);
    expect((await bearer.get(`/api/v1/articles/${othersDraft.id}`)).status()).toBe(404);
    const approveOthers = await bearer.post(`/api/v1/articles/${othersSubmitted.id}/transitions`, { data: { action: "approve" } });
    expect(approveOthers.status()).toBe(404);
    expect((await approveOthers.json()).error.code).toBe("NOT_FOUND");

    // Its own story: the byline is the owner's, and a writer may submit but not approve it.
    const own = await createStory(bearer, { headline: `Filed with a token (${uid})`, section: "news" });
    expect((own as unknown as { authors: { name: string }[] }).authors.map((a) => a.name)).toEqual([owner.name]);
    await transition(bearer, own.id, "submit");
    const approveOwn = await bearer.post(`/api/v1/articles/${own.id}/transitions`, { data: { action: "approve" } });
    expect(approveOwn.status()).toBe(403);
    expect((await approveOwn.json()).error.code).toBe("FORBIDDEN");
    // The owner's story reached the adviser as theirs.
    expect((await (await apiAs("adviser")).get(`/api/v1/articles/${own.id}`)).status()).toBe(200);

    await page.reload();
    await expect(tokenRow).not.toContainText("Never");

    // Revoked in the UI: the very next request is refused.
    page.once("dialog", (dialog) => void dialog.accept());
    await tokenRow.getByRole("button", { name: `Revoke Upload script ${uid}` }).click();
    await expect(tokenRow.getByRole("cell").nth(3)).toHaveText("Revoked");
    const revoked = await bearer.get("/api/v1/articles");
    expect(revoked.status()).toBe(401);
    expect((await revoked.json()).error.code).toBe("UNAUTHENTICATED");

    // A second token works until its owner is deactivated.
    await page.reload();
    const second = await createToken(`Sync job ${uid}`);
    const bearer2 = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${second}` } });
    expect((await bearer2.get("/api/v1/articles")).status()).toBe(200);
    await adviser.goto("/newsroom/staff");
    await staffRow(adviser, owner.email).getByRole("button", { name: "Deactivate", exact: true }).click();
    await staffRow(adviser, owner.email).getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(staffRow(adviser, owner.email)).toContainText("Deactivated");
    const deactivated = await bearer2.get(`/api/v1/articles/${own.id}`);
    expect(deactivated.status()).toBe(401);
    expect((await deactivated.json()).error.code).toBe("UNAUTHENTICATED");

    // The adviser sees the token's creation and revocation in the audit log, by its owner.
    await adviser.goto("/newsroom/audit?action=token.");
    const table = adviser.getByTestId("audit-table");
    await expect(table.getByRole("row").filter({ hasText: "token.create" }).filter({ hasText: `Upload script ${uid}` })).toContainText(owner.name);
    await expect(table.getByRole("row").filter({ hasText: "token.revoke" }).filter({ hasText: owner.name })).toHaveCount(1);
    await Promise.all([bearer.dispose(), bearer2.dispose()]);
  });

  test("a bogus or malformed bearer token gets 401 with a JSON error, even beside a good session", async ({ playwright, baseURL, pageAs }) => {
    const writer = await pageAs("writer");
    const random = `mh_${"A".repeat(20)}${Date.now().toString(36).padEnd(23, "x")}`.slice(0, 46);
    expect(random).toMatch(BEARER_RE);
    for (const authorization of [`Bearer ${random}`, "Bearer", "Bearer ", "Bearer mh_short", "Bearer not a token", "Basic d3JpdGVyQGRlbW8udGVzdDptYXN0aGVhZC1kZW1v", `Token ${random}`]) {
      const client = await playwright.request.newContext({ baseURL });
      for (const res of [
        await client.get("/api/v1/articles", { headers: { Authorization: authorization } }),
        // The session cookie does not rescue a bad token: an Authorization header is judged alone.
        await writer.context().request.get("/api/v1/articles", { headers: { Authorization: authorization } }),
      ]) {
        expect(res.status(), authorization).toBe(401);
        expect(res.headers()["content-type"]).toContain("application/json");
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe("UNAUTHENTICATED");
        expect(body.error.message.length).toBeGreaterThan(10);
      }
      await client.dispose();
    }
    // The same session without the header is fine.
    expect((await writer.context().request.get("/api/v1/articles")).status()).toBe(200);
  });
});

test.describe("security headers", () => {
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];
  const scriptSrc = (csp: string) => csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";

  test("newsroom pages get a fresh nonce per request and no 'unsafe-inline' for scripts", async ({ anonymousApi, apiAs }) => {
    const writer = await apiAs("writer");
    for (const [client, path] of [
      [anonymousApi, "/login"],
      [writer, "/newsroom"],
      [writer, "/newsroom/account"],
    ] as const) {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await client.get(path, { maxRedirects: 0 });
        expect(res.status(), path).toBe(200);
        const csp = res.headers()["content-security-policy"] ?? "";
        const nonce = nonceOf(csp);
        expect(nonce, `${path}: ${csp}`).toBeTruthy();
        expect(scriptSrc(csp)).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
        expect(csp).toContain("frame-ancestors 'none'");
        // Next puts the nonce on every script it renders, and there is no script without it.
        const html = await res.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
        nonces.push(nonce!);
      }
      expect(nonces[0], path).not.toBe(nonces[1]);
    }
  });

  test("every response has frame-ancestors 'none', Referrer-Policy and nosniff; HSTS only behind https", async ({ anonymousApi, apiAs }) => {
    const writer = await apiAs("writer");
    const story = await anonymousApi.get("/articles/syrian-insurgents-enter-aleppo");
    expect(story.status()).toBe(200);
    const html = await story.text();
    // Reader pages carry no script (lib/http/reader-html.ts); the sign-in page, a React page, does.
    const asset = /\/_next\/static\/[^"']+\.js/.exec(await (await anonymousApi.get("/login")).text())?.[0];
    const media = /\/media\/[^"'\s,]+/.exec(html)?.[0];
    expect(asset, "a script on the sign-in page").toBeTruthy();
    expect(media, "the story's photo").toBeTruthy();
    const { csrfToken } = (await (await anonymousApi.get("/api/auth/csrf")).json()) as { csrfToken: string };

    const requests: [string, (headers: Record<string, string>) => Promise<{ status: () => number; headers: () => Record<string, string> }>][] = [
      ["/", (h) => anonymousApi.get("/", { headers: h })],
      ["story page", (h) => anonymousApi.get("/articles/syrian-insurgents-enter-aleppo", { headers: h })],
      ["section page", (h) => anonymousApi.get("/sections/world", { headers: h })],
      ["search", (h) => anonymousApi.get("/search?q=aleppo", { headers: h })],
      ["not found", (h) => anonymousApi.get("/no-such-page-here", { headers: h })],
      ["feed", (h) => anonymousApi.get("/feed.xml", { headers: h })],
      ["sitemap", (h) => anonymousApi.get("/sitemap.xml", { headers: h })],
      ["robots", (h) => anonymousApi.get("/robots.txt", { headers: h })],
      ["static script", (h) => anonymousApi.get(asset!, { headers: h })],
      ["media", (h) => anonymousApi.get(media!, { headers: h })],
      ["login", (h) => anonymousApi.get("/login", { headers: h })],
      ["newsroom redirect", (h) => anonymousApi.get("/newsroom", { headers: h, maxRedirects: 0 })],
      ["newsroom", (h) => writer.get("/newsroom", { headers: h })],
      ["health", (h) => anonymousApi.get("/api/health", { headers: h })],
      ["API 401", (h) => anonymousApi.get("/api/v1/articles", { headers: h })],
      ["API signed in", (h) => writer.get("/api/v1/articles", { headers: h })],
      ["csrf", (h) => anonymousApi.get("/api/auth/csrf", { headers: h })],
      ["failed sign-in", (h) => anonymousApi.post("/api/auth/callback/credentials", { headers: h, form: { csrfToken, email: "nobody.headers@e2e.test", password: "wrong-wrong-wrong", json: "true" } })],
    ];
    for (const [name, send] of requests) {
      for (const https of [false, true]) {
        const res = await send(https ? { "X-Forwarded-Proto": "https" } : {});
        const h = res.headers();
        const label = `${name}${https ? " (https)" : ""} → ${res.status()} ${h["x-masthead-cache"] ?? ""}`;
        expect(res.status(), label).toBeLessThan(500);
        expect(h["content-security-policy"], label).toContain("frame-ancestors 'none'");
        expect(h["referrer-policy"], label).toBe("strict-origin-when-cross-origin");
        expect(h["x-content-type-options"], label).toBe("nosniff");
        expect(h["x-frame-options"], label).toBe("DENY");
        if (https) expect(h["strict-transport-security"] ?? "", label).toMatch(/^max-age=\d{7,}/);
        else expect(h["strict-transport-security"], label).toBeUndefined();
      }
    }
  });

  test("the session cookie is HttpOnly and SameSite=Lax, and Secure behind https", async ({ playwright, baseURL }) => {
    for (const https of [false, true]) {
      // Cookies go by hand: behind https they are Secure/__Host-, which a client keeps only for https.
      const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: https ? { "X-Forwarded-Proto": "https" } : {} });
      const csrf = await api.get("/api/auth/csrf");
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = setCookies(csrf)
        .map((c) => c.split(";")[0])
        .join("; ");
      const res = await api.post("/api/auth/callback/credentials", {
        headers: { Cookie: cookie },
        form: { csrfToken, email: "writer2@demo.test", password: "masthead-demo", json: "true" },
      });
      expect(res.status()).toBe(200);
      const session = setCookies(res).find((c) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(c));
      expect(session, setCookies(res).join("\n")).toBeDefined();
      const attrs = session!
        .split(";")
        .slice(1)
        .map((a) => a.trim().toLowerCase());
      expect(attrs).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
      if (https) {
        expect(session).toMatch(/^__Secure-next-auth\.session-token=/);
        expect(attrs).toContain("secure");
      } else {
        expect(session).toMatch(/^next-auth\.session-token=/);
        expect(attrs).not.toContain("secure");
      }
      await api.dispose();
    }
  });
});

function setCookies(res: { headersArray: () => { name: string; value: string }[] }): string[] {
  return res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value);
}

test.describe("audit log", () => {
  test("advisers see failed sign-ins and token creation; writers get 404; nothing edits or deletes entries", async ({ pageAs, playwright, baseURL, uid }) => {
    const adviser = await pageAs("adviser");
    const member = recruitFor(uid, "Audited");
    await addStaff(adviser, member, "WRITER");
    const unknown = `no.such.account.${uid}@e2e.test`;
    const api = await playwright.request.newContext({ baseURL });
    await expect(signIn(api, { email: member.email, password: "a-wrong-password-1" })).rejects.toThrow(SignInRefused);
    await expect(signIn(api, { email: unknown, password: "a-wrong-password-2" })).rejects.toThrow(SignInRefused);
    await api.dispose();

    const page = await pageAs(member);
    await page.goto("/newsroom/account");
    await page.getByLabel("Token name", { exact: true }).fill(`Audit trail ${uid}`);
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("new-token")).toHaveValue(BEARER_RE);

    // The writer may not read it.
    expect((await page.goto("/newsroom/audit"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    await adviser.goto("/newsroom/audit");
    await expect(adviser.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const table = adviser.getByTestId("audit-table");
    await expect(table.getByRole("row").filter({ hasText: "auth.sign_in_failed" }).filter({ hasText: member.email })).toContainText("wrong_password");
    await expect(table.getByRole("row").filter({ hasText: "auth.sign_in_failed" }).filter({ hasText: unknown })).toContainText("unknown_email");
    await expect(table.getByRole("row").filter({ hasText: "token.create" }).filter({ hasText: `Audit trail ${uid}` })).toContainText(member.name);
    await expect(table.getByRole("row").filter({ hasText: "account.create" }).filter({ hasText: member.email })).toContainText("Hana Park");

    // Filtering by event and by person narrows it.
    await adviser.getByLabel("Event", { exact: true }).selectOption("token.create");
    await adviser.getByLabel("Person", { exact: true }).selectOption({ label: member.name });
    await adviser.getByRole("button", { name: "Filter" }).click();
    await expect(adviser).toHaveURL(/action=token\.create/);
    await expect(table.getByRole("row")).toHaveCount(2); // the header and the one token
    await expect(table.getByRole("row").nth(1)).toContainText(`Audit trail ${uid}`);

    // Read-only: the only control on the page is the filter, which is a GET form.
    const main = adviser.getByRole("main");
    await expect(main.getByRole("button")).toHaveText(["Filter"]);
    await expect(main.locator("form")).toHaveCount(1);
    await expect(main.locator("form")).toHaveAttribute("method", "get");
    // And there is no API for it at all.
    const adviserApi = adviser.context().request;
    for (const [method, path] of [
      ["GET", "/api/v1/audit"],
      ["DELETE", "/api/v1/audit"],
      ["PATCH", "/api/v1/audit/1"],
      ["DELETE", "/api/v1/audit/1"],
    ] as const) {
      const res = await adviserApi.fetch(path, { method });
      expect(res.status(), `${method} ${path}`).toBe(404);
    }
    await adviser.goto("/newsroom/audit?action=auth.sign_in_failed");
    await expect(table.getByRole("row").filter({ hasText: member.email })).toHaveCount(1);
  });
});

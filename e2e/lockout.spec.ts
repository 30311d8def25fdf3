import { DEMO_PASSWORD, expect, signIn, test, USERS } from "./fixtures";

/**
 * Issue 12, findings 1, 3 and 4: nobody can lock other people out of sign-in, and the limit
 * counts the account next-auth checks. The e2e server trusts no proxy, so the client's address
 * is unknown: there is no per-address bucket, and no shared "direct" one that a stranger fills.
 */

type Form = Record<string, string>;

async function csrf(api: import("@playwright/test").APIRequestContext): Promise<string> {
  return ((await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test("lockout cannot be weaponised: 30 wrong passwords for made-up emails, then every demo user signs in at once", async ({ playwright, baseURL, uid }) => {
  const attacker = await playwright.request.newContext({ baseURL });
  const csrfToken = await csrf(attacker);
  const guesses = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      attacker.post("/api/auth/callback/credentials", { form: { csrfToken, email: `made.up.${i}.${uid}@e2e.test`, password: "guessing-away-here", json: "true" } }),
    ),
  );
  for (const res of guesses) expect(res.status()).toBe(401);

  const users = Object.values(USERS);
  const clients = await Promise.all(users.map(() => playwright.request.newContext({ baseURL })));
  // signIn asserts a 200 and a session for that very email.
  await Promise.all(users.map((u, i) => signIn(clients[i]!, { email: u.email, password: DEMO_PASSWORD })));
  // The attacker's own address is not locked either: a right password from it works.
  await signIn(attacker, { email: USERS.writer2.email, password: DEMO_PASSWORD });
  await Promise.all([attacker.dispose(), ...clients.map((c) => c.dispose())]);
});

test("the limit counts the account next-auth checks: repeated fields, JSON and oversized bodies are refused unread", async ({ playwright, baseURL, uid }) => {
  const api = await playwright.request.newContext({ baseURL });
  const csrfToken = await csrf(api);
  const victim = `victim.${uid}@e2e.test`;
  const post = (body: string, contentType = "application/x-www-form-urlencoded") =>
    api.post("/api/auth/callback/credentials", { data: body, headers: { "Content-Type": contentType } });
  const form = (f: Form) => new URLSearchParams(f).toString();

  // Two email fields: next-auth would check the last, a counter reading the first would count a decoy.
  const twice = await post(`${form({ csrfToken, email: `decoy.${uid}@e2e.test` })}&${form({ email: victim, password: "wrong-wrong-wrong", json: "true" })}`);
  expect(twice.status()).toBe(400);
  expect(((await twice.json()) as { error: { code: string } }).error.code).toBe("DUPLICATE_FIELD");
  const json = await post(JSON.stringify({ csrfToken, email: victim, password: "wrong-wrong-wrong", json: "true" }), "application/json");
  expect(json.status()).toBe(415);
  const huge = await post(form({ csrfToken, email: victim, password: "x".repeat(64 * 1024), json: "true" }));
  expect(huge.status()).toBe(413);

  // None of those counted; five plain wrong passwords do, and then the account waits.
  for (let i = 0; i < 5; i++) expect((await post(form({ csrfToken, email: victim, password: "wrong-wrong-wrong", json: "true" }))).status(), `attempt ${i + 1}`).toBe(401);
  const locked = await post(form({ csrfToken, email: victim, password: "wrong-wrong-wrong", json: "true" }));
  expect(locked.status()).toBe(429);
  expect(Number(locked.headers()["retry-after"])).toBeGreaterThan(0);
  await api.dispose();
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { createTestUser, TEST_PASSWORD } from "@/lib/testing/db";
import NextAuth from "next-auth";
import { afterEach, describe, expect, it, vi } from "vitest";

/**
 * The end-to-end server speaks plain http, so the https case is proven here: a real credentials
 * sign-in through next-auth (its Node request/response handler) with the app's own options,
 * built as the server builds them when NEXTAUTH_URL is set. The response object only records.
 */
async function signInSetCookies(origin: string, email: string): Promise<string[]> {
  vi.stubEnv("NEXTAUTH_URL", origin);
  vi.resetModules();
  const { authOptions } = await import("./options");
  const host = new URL(origin).host;

  async function call(action: string[], method: "GET" | "POST", body: Record<string, string>, cookies: Record<string, string>) {
    const headers = new Map<string, string | string[]>();
    const out = { status: 200, headers, body: undefined as unknown };
    const res = {
      status(code: number) {
        out.status = code;
        return res;
      },
      setHeader(name: string, value: string | string[]) {
        headers.set(name.toLowerCase(), value);
        return res;
      },
      getHeader: (name: string) => headers.get(name.toLowerCase()),
      json(value: unknown) {
        out.body = value;
      },
      send(value: unknown) {
        out.body = value;
      },
      end() {},
    };
    const req = { query: { nextauth: action }, method, body, cookies, headers: { host, "content-type": "application/x-www-form-urlencoded" } };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions);
    const setCookie = headers.get("set-cookie") ?? [];
    return { ...out, setCookie: Array.isArray(setCookie) ? setCookie : [setCookie] };
  }

  const csrf = await call(["csrf"], "GET", {}, {});
  const { csrfToken } = csrf.body as { csrfToken: string };
  const [csrfName, csrfValue] = csrf.setCookie.find((c) => c.includes("next-auth.csrf-token="))!.split(";")[0]!.split("=");
  const signIn = await call(["callback", "credentials"], "POST", { csrfToken, email, password: TEST_PASSWORD, json: "true" }, { [csrfName!]: decodeURIComponent(csrfValue!) });
  expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
  expect(JSON.stringify(signIn.body)).not.toContain("error=");
  return signIn.setCookie;
}

/** The attributes of the session cookie in a list of Set-Cookie headers, lower-cased. */
function sessionCookie(setCookie: string[]) {
  const header = setCookie.find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  expect(header, setCookie.join("\n")).toBeDefined();
  const [pair, ...attrs] = header!.split(";").map((s) => s.trim());
  return { name: pair!.split("=")[0], value: pair!.slice(pair!.indexOf("=") + 1), attributes: attrs.map((a) => a.toLowerCase()) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax and Secure (with the __Secure- prefix) when NEXTAUTH_URL is https", async () => {
    const user = await createTestUser();
    const cookie = sessionCookie(await signInSetCookies("https://paper.example.edu", user.email));
    expect(cookie.name).toBe("__Secure-next-auth.session-token");
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure", "path=/"]));
  });

  it("are HttpOnly and SameSite=Lax, and not Secure, when NEXTAUTH_URL is plain http", async () => {
    const user = await createTestUser();
    const cookie = sessionCookie(await signInSetCookies("http://127.0.0.1:3000", user.email));
    expect(cookie.name).toBe("next-auth.session-token");
    expect(cookie.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax"]));
    expect(cookie.attributes).not.toContain("secure");
  });
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { readCredentialsBody, SIGN_IN_BODY_LIMIT } from "./credentials-body";

const FORM = "application/x-www-form-urlencoded";

/** A chunked body (no Content-Length) of `chunks` × `size` bytes that records how much was pulled. */
function chunkedBody(chunks: number, size = 1024) {
  let pulled = 0;
  const chunk = new TextEncoder().encode("a".repeat(size));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= chunks * size) return controller.close();
      pulled += size;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function post(body: BodyInit, headers: Record<string, string> = { "content-type": FORM }) {
  return new Request("http://127.0.0.1:3000/api/auth/callback/credentials", { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

const ctx = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };

describe("readCredentialsBody", () => {
  it("reads the fields of a small form, and the very text next-auth will be given", async () => {
    const text = "csrfToken=abc&email=Writer%40demo.test&password=p%26ss&json=true";
    const body = await readCredentialsBody(post(text, { "content-type": `${FORM}; charset=UTF-8` }));
    expect(body).toEqual({ ok: true, text, fields: { csrfToken: "abc", email: "Writer@demo.test", password: "p&ss", json: "true" } });
  });

  it("refuses a declared Content-Length over the limit without reading a byte", async () => {
    const big = chunkedBody(400_000);
    const body = await readCredentialsBody(post(big.stream, { "content-type": FORM, "content-length": String(400 * 1024 * 1024) }));
    expect(body).toMatchObject({ ok: false, status: 413 });
    expect(big.pulled()).toBeLessThanOrEqual(2 * 1024); // what the stream queues up front, no more
  });

  it("counts a chunked body while it streams and stops at the limit", async () => {
    const big = chunkedBody(400_000);
    const body = await readCredentialsBody(post(big.stream));
    expect(body).toMatchObject({ ok: false, status: 413, code: "PAYLOAD_TOO_LARGE" });
    expect(big.pulled()).toBeLessThanOrEqual(SIGN_IN_BODY_LIMIT + 3 * 1024);
  });

  it("refuses a field sent twice: next-auth would check the last one, a counter might see the first", async () => {
    const body = await readCredentialsBody(post("email=decoy%40x.example&email=writer2%40demo.test&password=guess"));
    expect(body).toMatchObject({ ok: false, status: 400, code: "DUPLICATE_FIELD" });
    expect(await readCredentialsBody(post("email=a%40x.example&password=1&password=2"))).toMatchObject({ ok: false, status: 400 });
  });

  it("accepts only a form: JSON, text and multipart are refused", async () => {
    for (const type of ["application/json", "text/plain", "multipart/form-data; boundary=x", "", "application/x-www-form-urlencoded-not"]) {
      const body = await readCredentialsBody(post(JSON.stringify({ email: "writer2@demo.test", password: "guess" }), type ? { "content-type": type } : {}));
      expect(body, type).toMatchObject({ ok: false, status: 415 });
    }
  });
});

describe("POST /api/auth/callback/credentials", () => {
  it("answers 413 to a 400 MB chunked form, having read no more than the limit", async () => {
    const big = chunkedBody(400_000);
    const res = await POST(post(big.stream) as never, ctx);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(big.pulled()).toBeLessThanOrEqual(SIGN_IN_BODY_LIMIT + 3 * 1024);
  });

  it("refuses repeated email fields and a JSON body before anything is counted or checked", async () => {
    const twice = await POST(post("csrfToken=x&email=decoy%40x.example&email=writer2%40demo.test&password=guess&json=true") as never, ctx);
    expect(twice.status).toBe(400);
    const json = await POST(post(JSON.stringify({ email: "writer2@demo.test", password: "guess", json: "true" }), { "content-type": "application/json" }) as never, ctx);
    expect(json.status).toBe(415);
  });
});

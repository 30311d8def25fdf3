import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { answerApiWritesPlain } from "./write-answers";

const request = (method: string, url: string) => ({ method, url, headers: { "accept-encoding": "gzip, br", cookie: "c=1" } }) as unknown as IncomingMessage;

describe("answerApiWritesPlain", () => {
  it("drops Accept-Encoding from API writes only", () => {
    for (const [method, url, kept] of [
      ["PATCH", "/api/v1/articles/abc", false],
      ["POST", "/api/v1/media", false],
      ["PUT", "/api/v1/things/1", false],
      ["DELETE", "/api/v1/tokens/1", false],
      ["GET", "/api/v1/articles", true],
      ["HEAD", "/api/v1/articles", true],
      ["POST", "/newsroom/articles/abc", true], // a server action: a page's answer
      ["GET", "/", true],
      ["POST", "/apiary", true],
    ] as const) {
      const req = request(method, url);
      answerApiWritesPlain(req);
      expect(req.headers["accept-encoding"], `${method} ${url}`).toBe(kept ? "gzip, br" : undefined);
      expect(req.headers.cookie).toBe("c=1");
    }
  });
});

// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import { actorFor, createTestUser, uniq } from "@/lib/testing/db";
import { createArticle } from "@/lib/testing/use-cases";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/policy";
import { absoluteUrl } from "@/lib/site";

let asWriter: Actor;

beforeAll(async () => {
  asWriter = actorFor(await createTestUser({ role: "WRITER" }));
});

describe("a story with an all-Korean headline", () => {
  it("keeps its Hangul in the slug, with the usual -2, -3 for the same headline again", async () => {
    // A fresh headline per run: the test database outlives one run.
    const tail = uniq().replace(/[^a-z0-9]/gi, "").slice(-6);
    const headline = `제주 학생들 바다 청소 ${tail}`;
    const make = () => createArticle({ actor: asWriter, input: { headline, dek: "", body: "<p>바다를 지킨다.</p>" } });
    const first = await make();
    const second = await make();
    const third = await make();
    const base = `제주-학생들-바다-청소-${tail.toLowerCase()}`;
    expect([first.slug, second.slug, third.slug]).toEqual([base, `${base}-2`, `${base}-3`]);
  });

  it("is percent-encoded in absolute URLs (feeds, sitemap, canonical links)", () => {
    const url = absoluteUrl("/articles/제주-학생들");
    expect(url.endsWith("/articles/%EC%A0%9C%EC%A3%BC-%ED%95%99%EC%83%9D%EB%93%A4")).toBe(true);
    expect(absoluteUrl("/articles/already%20encoded")).toMatch(/\/articles\/already%20encoded$/);
    expect(new URL(url).pathname).toBe(url.slice(url.indexOf("/articles/")));
  });
});

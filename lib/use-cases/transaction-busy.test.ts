// Must come first: it refuses to run unless DATABASE_URL is the temp test database.
import "@/lib/testing/db";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/data/db";
import { BUSY_MESSAGE } from "@/lib/errors";
import { errorResponse } from "@/lib/api/handler";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real Prisma error of a real transaction that outlives its timeout. */
async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to refuse");
}

describe("an overloaded database answers 503 with Retry-After, not 500 (issue 15: several instances under load)", () => {
  it("a transaction that outlived its timeout", async () => {
    const error = await caught(() =>
      db.$transaction(
        async (tx) => {
          await sleep(150);
          return tx.user.count();
        },
        { timeout: 50 },
      ),
    );
    expect((error as { code?: string }).code).toBe("P2028");
    const res = errorResponse(error);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "BUSY", message: BUSY_MESSAGE } });
  });

  it("any other failure is still a plain 500 with the generic message", async () => {
    const res = errorResponse(new Error("boom"));
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
    expect((await res.json()).error.code).toBe("INTERNAL");
  });
});

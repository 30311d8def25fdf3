import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createSettler } from "./settle";

describe("createSettler", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("repeats a purge after each delay, once for purges that arrive while it is pending", async () => {
    const run = vi.fn();
    const settle = createSettler({ delaysMs: [2_000, 8_000], run });
    settle();
    await vi.advanceTimersByTimeAsync(1_000);
    settle();
    settle();
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    // A purge after the last repeat gets repeats of its own.
    settle();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(run).toHaveBeenCalledTimes(4);
  });

  it("schedules nothing for the purges its own repeats make", async () => {
    let settle: () => void = () => {};
    const run = vi.fn(() => settle());
    settle = createSettler({ delaysMs: [2_000, 8_000], run });
    settle();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it("keeps going when a repeat fails", async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error("refused")).mockResolvedValue(undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const settle = createSettler({ delaysMs: [2_000, 8_000], run });
    settle();
    await vi.advanceTimersByTimeAsync(8_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

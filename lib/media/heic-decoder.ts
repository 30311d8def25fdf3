/**
 * HEIC decoding off the main thread: each decode runs heic-convert (libheif in wasm) in a fresh
 * worker thread, so a reader's request never waits behind an upload.
 *
 * Rules that always hold:
 * - At most HEIC_CONCURRENCY decodes run at once; the rest wait in a queue of at most
 *   HEIC_QUEUE_LIMIT, and an upload beyond that is refused with RATE_LIMITED (try again).
 * - A decode that takes longer than the time limit is ended (worker.terminate()) and fails.
 * - The worker's JS heap is capped (resourceLimits); libheif's wasm memory is not counted
 *   there, which is why the declared sizes are checked before any decode (heif-boxes.ts).
 * - A fresh worker per decode: whatever a decode grew is freed when its worker ends.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { Semaphore } from "async-mutex";
import { AppError } from "@/lib/errors";

export const HEIC_CONCURRENCY = Math.max(1, Math.min(2, os.availableParallelism() - 1));
export const HEIC_QUEUE_LIMIT = 16;
export const HEIC_TIMEOUT_MS = Number(process.env.MASTHEAD_HEIC_TIMEOUT_MS ?? 60_000);
const HEAP_LIMIT_MB = 512;

/** Why a decode failed; processImage turns each into a message for the uploader. */
export class HeicDecodeError extends Error {
  constructor(readonly reason: "timeout" | "failed") {
    super(`HEIC decode ${reason}`);
  }
}

const semaphore = new Semaphore(HEIC_CONCURRENCY);
/** Counters for tests and the load test: decodes started, running now, waiting now. */
export const heicDecodeStats = { started: 0, running: 0, waiting: 0 };

/**
 * The worker file, from the source tree: Next's server bundle moves this module's code into
 * .next/, so import.meta.url cannot find it there; the server and the tests both run from the
 * project root. MASTHEAD_HEIC_WORKER overrides it for a deployment laid out otherwise.
 */
function workerFile(): string {
  return process.env.MASTHEAD_HEIC_WORKER ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "media", "heic-worker.mjs");
}

function decodeOnce(input: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    heicDecodeStats.started++;
    heicDecodeStats.running++;
    const worker = new Worker(/*turbopackIgnore: true*/ workerFile(), {
      workerData: { input },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: 64 },
      // libheif logs its own errors; the refusal message is ours, so its output is not passed on.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      heicDecodeStats.running--;
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new HeicDecodeError("timeout"))), timeoutMs);
    worker.once("message", (message: { ok: boolean; jpeg?: Uint8Array }) =>
      finish(() => (message.ok && message.jpeg ? resolve(message.jpeg) : reject(new HeicDecodeError("failed")))),
    );
    // Out of memory (ERR_WORKER_OUT_OF_MEMORY), a crash, or an exit without an answer.
    worker.once("error", () => finish(() => reject(new HeicDecodeError("failed"))));
    worker.once("exit", () => finish(() => reject(new HeicDecodeError("failed"))));
  });
}

/** Decode a HEIC to JPEG bytes in a worker, within the concurrency bound and the time limit. */
export async function decodeHeicInWorker(input: Uint8Array, { timeoutMs = HEIC_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  if (heicDecodeStats.waiting >= HEIC_QUEUE_LIMIT) {
    throw new AppError("RATE_LIMITED", "The server is converting many HEIC photos right now. Try again in a minute.");
  }
  heicDecodeStats.waiting++;
  const [, release] = await semaphore.acquire();
  heicDecodeStats.waiting--;
  try {
    return await decodeOnce(input, timeoutMs);
  } finally {
    release();
  }
}

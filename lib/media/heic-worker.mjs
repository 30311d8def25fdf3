// Decodes one HEIC in a worker thread, so the server's event loop never runs libheif (wasm)
// or the JPEG encoder. Plain JavaScript on purpose: it is loaded by path from the source tree,
// both under Next's server bundle and under vitest/tsx (see heic-decoder.ts).
// In: workerData.input (Uint8Array). Out: one message, { ok: true, jpeg } or { ok: false }.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import convertHeic from "heic-convert";

// Lowest CPU priority for this thread only (Linux: a thread id is a valid target), so that on a
// busy machine page requests win the CPU over a decode. Elsewhere the decode keeps its priority.
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) setPriority(tid, 19);
} catch {
  // Not Linux, or not permitted.
}

try {
  const jpeg = await convertHeic({ buffer: workerData.input, format: "JPEG", quality: 0.92 });
  const bytes = new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  parentPort.postMessage({ ok: true, jpeg: bytes });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

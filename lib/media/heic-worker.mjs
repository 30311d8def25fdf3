// Decodes one HEIC in a worker thread, so the server's event loop never runs libheif (wasm)
// or the JPEG encoder. Plain JavaScript on purpose: it is loaded by path from the source tree,
// both under Next's server bundle and under vitest/tsx (see heic-decoder.ts).
// In: workerData.input (Uint8Array). Out: one message, { ok: true, jpeg } or { ok: false }.
import { parentPort, workerData } from "node:worker_threads";
import convertHeic from "heic-convert";

try {
  const jpeg = await convertHeic({ buffer: workerData.input, format: "JPEG", quality: 0.92 });
  const bytes = new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  parentPort.postMessage({ ok: true, jpeg: bytes });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

/**
 * The one way a route reads a request body: never more than `limit` bytes in memory.
 *
 * A declared `Content-Length` over the limit is refused before a byte is read; a body without
 * one (chunked) is counted while it streams and abandoned as soon as it passes the limit. Both
 * are a 413 PAYLOAD_TOO_LARGE AppError. `request.text()`, `.json()`, `.formData()` and
 * `.arrayBuffer()` read everything first, so routes must not call them on the request itself.
 */
import { AppError } from "@/lib/errors";

export type BodyLimit = {
  /** The most bytes the body may have. */
  limit: number;
  /** The refusal's message; `fields` puts it next to a form field as well. */
  message?: string;
  fields?: Record<string, string>;
};

function tooLarge({ limit, message, fields }: BodyLimit): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", message ?? `The request body is too large (over ${formatBytes(limit)}).`, { fields });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.round(n / 1024)} KB`;
}

/** The body's bytes, at most `limit` of them; a longer body is a 413 and is not read further. */
export async function readBodyBytes(request: Request, opts: BodyLimit): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && (!/^\d+$/.test(declared.trim()) || Number(declared) > opts.limit)) {
    // A malformed length never reaches Next (Node refuses it); treat one as over the limit.
    await request.body?.cancel().catch(() => {});
    throw tooLarge(opts);
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch {
      throw new AppError("BAD_REQUEST", "The request body was cut short.");
    }
    if (step.done) break;
    total += step.value.byteLength;
    if (total > opts.limit) {
      // Stop pulling: the rest of the upload is never buffered.
      await reader.cancel().catch(() => {});
      throw tooLarge(opts);
    }
    chunks.push(step.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** The body as UTF-8 text, bounded as `readBodyBytes`; invalid UTF-8 is a 400. */
export async function readBodyText(request: Request, opts: BodyLimit): Promise<string> {
  const bytes = await readBodyBytes(request, opts);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid UTF-8 text.");
  }
}

/**
 * A multipart (or urlencoded) form, parsed only after the whole body fit under the limit: the
 * bounded buffer is handed to the platform's parser with the request's own Content-Type.
 * A body that is not a form, or is cut short, is a 400 with `badForm`.
 */
export async function readBodyForm(request: Request, opts: BodyLimit & { badForm: string }): Promise<FormData> {
  const bytes = await readBodyBytes(request, opts);
  const type = request.headers.get("content-type") ?? "";
  try {
    return await new Response(bytes, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", opts.badForm);
  }
}

import "server-only";

/** A sign-in form is an email, a password, a CSRF token and a flag: a few hundred bytes. */
export const SIGN_IN_BODY_LIMIT = 4 * 1024;
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

export type CredentialsBody =
  | { ok: true; text: string; fields: Record<string, string> }
  | { ok: false; status: 400 | 413 | 415; code: "DUPLICATE_FIELD" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE"; message: string };

const tooLarge = { ok: false, status: 413, code: "PAYLOAD_TOO_LARGE", message: "That sign-in request is too large." } as const;

/**
 * The credentials sign-in body, read once and bounded: a declared Content-Length over the limit
 * is refused unread, and a chunked body is counted while it streams and cancelled at the limit.
 * Only a form is accepted, and each field at most once: next-auth keeps the *last* of repeated
 * fields, so the rate limit must see the very fields next-auth will check, and no others.
 */
export async function readCredentialsBody(request: Request, limit: number = SIGN_IN_BODY_LIMIT): Promise<CredentialsBody> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== FORM_CONTENT_TYPE) {
    return { ok: false, status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: `Send the sign-in form as ${FORM_CONTENT_TYPE}.` };
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) return tooLarge;

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel("too large").catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  const text = new TextDecoder().decode(bytes);
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (Object.hasOwn(fields, key)) return { ok: false, status: 400, code: "DUPLICATE_FIELD", message: `Send the field “${key.slice(0, 40)}” once.` };
    fields[key] = value;
  }
  return { ok: true, text, fields };
}

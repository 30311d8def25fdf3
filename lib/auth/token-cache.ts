/**
 * Session tokens already decrypted, by the cookie that carried them. Every request of a signed-in
 * user decrypted the same cookie again (next-auth's getToken: an HKDF key derivation and an
 * AES-GCM decryption, two trips to libuv's thread pool), the autosave's every two seconds among
 * them. The token only names the account and its session, which findSignInFacts checks against
 * the database on every request all the same; so keeping it changes no decision, as long as it
 * is kept no longer than it is valid (its `exp`) and only for exactly the cookie it came from.
 */
export type DecodedToken = { exp?: unknown } & Record<string, unknown>;

export class TokenCache {
  readonly #entries = new Map<string, { token: DecodedToken; until: number }>();
  readonly #max: number;
  readonly #now: () => number;

  constructor({ max = 1_000, now = Date.now }: { max?: number; now?: () => number } = {}) {
    this.#max = max;
    this.#now = now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The token decoded from exactly this cookie, while its `exp` has not passed. */
  get(cookie: string): DecodedToken | null {
    const hit = this.#entries.get(cookie);
    if (!hit) return null;
    if (this.#now() >= hit.until) {
      this.#entries.delete(cookie);
      return null;
    }
    return hit.token;
  }

  /** Keeps a token with a numeric `exp` (seconds); one without is never kept. The oldest entry goes first. */
  set(cookie: string, token: DecodedToken): void {
    if (typeof token.exp !== "number") return;
    this.#entries.delete(cookie);
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(cookie, { token, until: token.exp * 1000 });
  }
}

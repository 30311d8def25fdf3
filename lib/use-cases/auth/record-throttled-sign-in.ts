import "server-only";
import { inTransaction, outcome } from "../transaction";

/**
 * A sign-in refused by the rate limit (lib/auth/rate-limit.ts), for the audit log. Nobody is
 * signed in, so there is no actor to authorise: the entry names the email that was tried.
 */
export async function recordThrottledSignIn({ email, address, retryAfter }: { email: string; address: string; retryAfter: number }) {
  return inTransaction(undefined, async () =>
    outcome(null, { audit: [{ kind: "auth.sign_in_throttled", actorId: null, subject: email, details: { address, retryAfter } }] }),
  );
}

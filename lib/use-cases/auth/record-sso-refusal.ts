import "server-only";
import type { SsoRefusal } from "@/lib/domain/sign-in";
import { inTransaction, outcome } from "../transaction";

/**
 * A single sign-on the provider accepted and Masthead refused (lib/domain/sign-in.ts), for the
 * audit log. Nobody is signed in: the entry names the email the provider gave, the provider and
 * the reason, never a token or a claim beyond those.
 */
export async function recordSsoRefusal({ email, provider, reason, userId }: { email: string | null; provider: string; reason: SsoRefusal; userId: string | null }) {
  return inTransaction(undefined, async () =>
    outcome(null, { audit: [{ kind: "auth.sso_refused", actorId: userId, subject: email ?? "(no email)", details: { provider, reason } }] }),
  );
}

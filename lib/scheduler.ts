import "server-only";
import { publishDueArticles } from "@/lib/use-cases/articles/publish-due-articles";
import { notifyDeadlinesTomorrow } from "@/lib/use-cases/planning/notify-deadlines-tomorrow";
import { registerOutsideRequestRefresher } from "@/lib/use-cases/effects";
import { INTERNAL_HEADER, internalToken, ownOrigin } from "@/lib/http/internal";
import { purgePageCache } from "@/lib/http/page-cache-hook";
import { sendDigests } from "@/lib/use-cases/notifications/send-digests";
import { mailConfigured, sendMail } from "@/lib/mail";

const TICK_MS = Number(process.env.MASTHEAD_SCHEDULER_MS ?? 5_000);
const state = globalThis as unknown as { mastheadScheduler?: NodeJS.Timeout };

async function tick() {
  try {
    // Each publication refreshes the reader site itself (through the refresher registered below).
    await publishDueArticles({ now: new Date() });
  } catch (error) {
    console.error("scheduler tick failed", error);
  }
  if (Date.now() - lastDeadlineCheck > 60_000) {
    lastDeadlineCheck = Date.now();
    notifyDeadlinesTomorrow({ now: new Date() }).catch((error) => console.error("deadline reminders failed", error));
  }
  // Daily digests: checked every few minutes, each user gets at most one a day.
  if (mailConfigured() && Date.now() - lastDigestCheck > 5 * 60_000) {
    lastDigestCheck = Date.now();
    sendDigests({ send: sendMail }).catch((error) => console.error("digest failed", error));
  }
}
let lastDigestCheck = 0;

/**
 * Next revalidates its cache only inside a request, and the scheduler runs outside one: it asks
 * its own server (app/api/internal/revalidate, which checks a token only this process knows).
 * Should that fail, the page cache is still emptied and Next's pages expire within a minute.
 */
async function revalidateFromOutsideARequest() {
  // applyAfterCommit purged (and told the other instances) just before calling this.
  purgePageCache({ localOnly: true });
  try {
    const res = await fetch(`${ownOrigin()}/api/internal/revalidate`, { method: "POST", headers: { [INTERNAL_HEADER]: internalToken() }, signal: AbortSignal.timeout(10_000) });
    if (res.status !== 204) console.error(`reader site revalidation answered ${res.status}`);
  } catch (error) {
    console.error("reader site revalidation failed", error);
  }
}
let lastDeadlineCheck = 0;

/** One interval per process; each tick is idempotent (compare-and-swap on status). */
export function startScheduler() {
  if (state.mastheadScheduler) return;
  registerOutsideRequestRefresher(revalidateFromOutsideARequest);
  void tick();
  state.mastheadScheduler = setInterval(tick, TICK_MS);
  state.mastheadScheduler.unref();
}

import "server-only";
import { revalidatePath } from "next/cache";
import { publishDueArticles } from "@/lib/data/articles";
import { purgePageCache } from "@/lib/http/page-cache-hook";
import { sendDigests } from "@/lib/data/notifications";
import { notifyDeadlinesTomorrow } from "@/lib/data/planning";
import { mailConfigured, sendMail } from "@/lib/mail";

const TICK_MS = Number(process.env.MASTHEAD_SCHEDULER_MS ?? 5_000);
const state = globalThis as unknown as { mastheadScheduler?: NodeJS.Timeout };

async function tick() {
  try {
    const published = await publishDueArticles(new Date());
    if (published.length > 0) {
      try {
        revalidatePath("/", "layout");
      } catch {
        // Outside a request Next has no cache store to mark; its reader pages refresh on their
        // own every few seconds (export const revalidate), and the page cache is emptied below.
      }
      purgePageCache();
    }
  } catch (error) {
    console.error("scheduler tick failed", error);
  }
  if (Date.now() - lastDeadlineCheck > 60_000) {
    lastDeadlineCheck = Date.now();
    notifyDeadlinesTomorrow(new Date()).catch((error) => console.error("deadline reminders failed", error));
  }
  // Daily digests: checked every few minutes, each user gets at most one a day.
  if (mailConfigured() && Date.now() - lastDigestCheck > 5 * 60_000) {
    lastDigestCheck = Date.now();
    sendDigests({ send: sendMail }).catch((error) => console.error("digest failed", error));
  }
}
let lastDigestCheck = 0;
let lastDeadlineCheck = 0;

/** One interval per process; each tick is idempotent (compare-and-swap on status). */
export function startScheduler() {
  if (state.mastheadScheduler) return;
  void tick();
  state.mastheadScheduler = setInterval(tick, TICK_MS);
  state.mastheadScheduler.unref();
}

/**
 * Reader-site purges, repeated once the renders in flight have finished. A reader page whose
 * render began before a change was committed (a newsroom page prefetching the front page while
 * the adviser decides a takedown, say) reads the old rows, and Next stores it after the purge
 * that should have dropped it, as a fresh page, for its whole revalidate window: CI caught the
 * front page naming an anonymized student for 30 s that way. So every purge is followed by the
 * same purge again, `delaysMs` after it (by default 2 s and 8 s), when such renders are done.
 * Purges that arrive while some are pending share them; the repeats themselves, which purge
 * through the same path, schedule nothing.
 */
export function createSettler({ delaysMs = [2_000, 8_000], run }: { delaysMs?: number[]; run: () => Promise<void> | void }) {
  let pending = false;
  let running = false;
  return function settle() {
    if (pending || running) return;
    pending = true;
    const last = Math.max(...delaysMs);
    for (const delay of delaysMs) {
      setTimeout(async () => {
        if (delay === last) pending = false;
        running = true;
        try {
          await run();
        } catch (error) {
          console.error("reader site re-purge failed", error);
        } finally {
          running = false;
        }
      }, delay).unref();
    }
  };
}

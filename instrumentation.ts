/**
 * Starts the publishing scheduler with the server. Scheduled stories live in the database
 * (status SCHEDULED + publishAt), so a restart loses nothing: the first tick after boot
 * publishes anything that fell due while the server was down.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startScheduler } = await import("./lib/scheduler");
  startScheduler();
}

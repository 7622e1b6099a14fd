/**
 * Runs background tasks (email, webhooks) inside the web server every
 * `intervalMs`, one round at a time. Returns a stop function that waits for
 * a round in progress to finish, so shutdown never cuts a delivery in half.
 */
export function startWorker(name: string, tasks: (() => Promise<unknown>)[], intervalMs: number) {
  let running: Promise<void> | null = null;
  const round = () => {
    if (running) return;
    running = (async () => {
      for (const task of tasks) {
        try {
          await task();
        } catch (error) {
          console.error(`[${name}] a background task failed this round; it will run again`, error);
        }
      }
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  setTimeout(round, 1_000).unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

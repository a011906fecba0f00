// Starting a hub again on the port a test just freed: another test's ephemeral socket can take it
// for a moment, so the bind is retried (bounded) rather than failing the test on a race.
export async function rebindRetrying<T>(start: () => Promise<T>, waitMs = 5000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await start();
    } catch (error) {
      if (!/Address already in use|EADDRINUSE/.test(String(error)) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

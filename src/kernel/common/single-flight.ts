/** One run of `f` at a time: callers while it runs get the same promise. */
export function singleFlight<T>(f: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= f().finally(() => {
      running = null;
    });
    return running;
  };
}

/**
 * `p`, or a rejection after `ms`: the caller answers in bounded time (the work itself is not
 * cancelled; its late failure is swallowed).
 */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  p.catch(() => {});
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

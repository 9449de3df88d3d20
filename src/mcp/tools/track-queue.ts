/** Runs work on one track one call after another in this server; another process meets the track lock instead. */
export type TrackQueue = <T>(track: string, work: () => Promise<T>) => Promise<T>;

/** A fresh queue: calls on one track wait for the one before (its failure does not stop them). */
export function createTrackQueue(): TrackQueue {
  const queues = new Map<string, Promise<unknown>>();
  return async (key, work) => {
    const before = queues.get(key) ?? Promise.resolve();
    const run = before.then(work, work);
    queues.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}

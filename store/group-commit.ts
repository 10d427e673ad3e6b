/**
 * Group commit: callers hand one item each and wait; the items that arrive within `lingerMs`, or while a
 * statement is in flight, go to the database together by one call of `run` (one statement), which answers
 * one result per item, in order. A caller's promise settles once its batch committed (with its result) or
 * failed (a failed statement fails every caller of its batch).
 */
export interface Batcher<T, R> {
  add(item: T): Promise<R>;
}

/** A batcher whose statement answers nothing but success. */
export type GroupCommit<T> = Batcher<T, void>;

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export function createBatcher<T, R>(
  run: (items: T[]) => Promise<R[]>,
  options: { lingerMs?: number; maxBatch?: number } = {},
): Batcher<T, R> {
  const lingerMs = options.lingerMs ?? 2;
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting<T, R>[] = [];
  let busy = false;

  const flush = async (): Promise<void> => {
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        try {
          const results = await run(batch.map((w) => w.item));
          for (const [i, w] of batch.entries()) w.resolve(results[i] as R);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      busy = false;
    }
  };

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!busy) {
          busy = true;
          if (lingerMs > 0) setTimeout(() => void flush(), lingerMs);
          else setImmediate(() => void flush());
        }
      });
    },
  };
}

export function createGroupCommit<T>(
  write: (items: T[]) => Promise<void>,
  options: { lingerMs?: number; maxBatch?: number } = {},
): GroupCommit<T> {
  return createBatcher<T, void>(async (items) => {
    await write(items);
    return items.map(() => undefined);
  }, options);
}

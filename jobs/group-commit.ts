/**
 * Group commit: callers hand one item each and wait; the items that arrive within `lingerMs`, or while a
 * write is in flight, are written together by one call of `write` (one statement). A caller's promise
 * settles once its item's write committed or failed; a failed write fails every caller of its batch.
 */
export interface GroupCommit<T> {
  add(item: T): Promise<void>;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T>(
  write: (items: T[]) => Promise<void>,
  options: { lingerMs?: number; maxBatch?: number } = {},
): GroupCommit<T> {
  const lingerMs = options.lingerMs ?? 2;
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting<T>[] = [];
  let busy = false;

  const flush = async (): Promise<void> => {
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, maxBatch);
        waiting = waiting.slice(batch.length);
        try {
          await write(batch.map((w) => w.item));
          for (const w of batch) w.resolve();
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
      return new Promise<void>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!busy) {
          busy = true;
          setTimeout(() => void flush(), lingerMs);
        }
      });
    },
  };
}

/**
 * One statement for the callers of a look-up or write that arrive together (docs/performance.md,
 * "Statements shared by concurrent chats").
 *
 * Why: a reply's statements cost mostly per statement, not per row: sending it (a system call on each
 * side) and waking the backend. The inbound worker handles several chats at once, so under a burst
 * several replies want the same statement (the sender's identity, the task by its code, the report, the
 * confirmation's delivery row) at the same moment.
 *
 * How: `run(db, keys)` answers one result per key, in order, in one statement. The callers on one client
 * that arrive while its statement is in flight (or in the same turn of the event loop) share the next
 * one: alone, a caller waits for no one. On a client whose statements do not go straight to the pool (an
 * interactive transaction's, which must keep its own connection and order) each call runs alone.
 *
 * A failed shared statement is run again for each of its keys alone, so that one caller's bad input (a
 * constraint it breaks) fails that caller only. The same covers two processes whose shared writes lock
 * the same rows in opposite orders: PostgreSQL ends one of them as a deadlock (after `deadlock_timeout`),
 * and its callers run alone. `apart(key)`: keys with the same value never share a
 * statement, and run in the order they came (two reports on one task: the later one wins, as when alone).
 */
import type { PrismaClient } from '../prisma/generated/client.ts';
import { sendsDirect } from './direct-sql.ts';
import { type Batcher, createBatcher } from './group-commit.ts';

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

export type SharedStatement<K, R> = (db: PrismaClient, key: K) => Promise<R>;

export function sharedStatement<K, R>(
  run: (db: PrismaClient, keys: K[]) => Promise<R[]>,
  options: { apart?: (key: K) => unknown; maxBatch?: number } = {},
): SharedStatement<K, R> {
  const batchers = new WeakMap<PrismaClient, Batcher<K, Settled<R>>>();
  const alone = async (db: PrismaClient, key: K): Promise<R> => (await run(db, [key]))[0] as R;

  const runShared = async (db: PrismaClient, keys: K[]): Promise<Settled<R>[]> => {
    const settled: Settled<R>[] = [];
    for (const part of partsOf(keys, options.apart)) {
      try {
        const values = await run(db, part);
        for (const value of values) settled.push({ ok: true, value });
      } catch (error) {
        if (part.length === 1) {
          settled.push({ ok: false, error });
          continue;
        }
        for (const key of part) {
          settled.push(
            await alone(db, key).then(
              (value): Settled<R> => ({ ok: true, value }),
              (e: unknown): Settled<R> => ({ ok: false, error: e }),
            ),
          );
        }
      }
    }
    return settled;
  };

  return async (db, key) => {
    if (!sendsDirect(db)) return alone(db, key);
    let batcher = batchers.get(db);
    if (batcher === undefined) {
      batcher = createBatcher<K, Settled<R>>((keys) => runShared(db, keys), {
        lingerMs: 0,
        maxBatch: options.maxBatch ?? 100,
      });
      batchers.set(db, batcher);
    }
    const result = await batcher.add(key);
    if (!result.ok) throw result.error;
    return result.value;
  };
}

/** `keys` cut, in order, into runs in which no two keys have the same `apart` value. */
function partsOf<K>(keys: K[], apart: ((key: K) => unknown) | undefined): K[][] {
  if (apart === undefined) return [keys];
  const parts: K[][] = [];
  let part: K[] = [];
  let seen = new Set<unknown>();
  for (const key of keys) {
    const value = apart(key);
    if (seen.has(value)) {
      parts.push(part);
      part = [];
      seen = new Set();
    }
    part.push(key);
    seen.add(value);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

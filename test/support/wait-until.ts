/**
 * The one way tests, the benchmark and the demo wait for something: poll a probe until it gives a value,
 * never sleep as synchronisation. Used on a busy machine, so the default deadline is generous.
 */

/** What a probe may answer: a value when the condition holds, `undefined`, `null` or `false` while not. */
export type Probe<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/** The default deadline of {@link waitUntil}. */
export const WAIT_TIMEOUT_MS = 15_000;

/**
 * Polls `probe` every 20 ms until it answers a value other than `undefined`, `null` or `false`, and
 * returns that value; throws `timed out waiting for <what> (<timeoutMs> ms)` after `timeoutMs`.
 * The description and the deadline may come in either order.
 * @example await waitUntil(() => fake.sent(chatId).length > 0, 'the reminder', 20_000)
 * @example await waitUntil(async () => (await pending()) === 0, 30_000, 'all handled')
 */
export async function waitUntil<T>(probe: Probe<T>, what?: string, timeoutMs?: number): Promise<T>;
export async function waitUntil<T>(probe: Probe<T>, timeoutMs: number, what?: string): Promise<T>;
export async function waitUntil<T>(
  probe: Probe<T>,
  first?: string | number,
  second?: string | number,
): Promise<T> {
  const what = typeof first === 'string' ? first : typeof second === 'string' ? second : 'a condition';
  const timeoutMs = typeof first === 'number' ? first : typeof second === 'number' ? second : WAIT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The one way tests, the benchmark and the demo wait for something: poll a probe until it gives a value,
 * never sleep as synchronisation. Used on a busy machine, so the default deadline is generous.
 */

/** What a probe may answer: a value when the condition holds, `undefined`, `null` or `false` while not. */
export type Probe<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Polls `probe` every 20 ms until it answers a value other than `undefined`, `null` or `false`, and
 * returns that value; throws `timed out waiting for <what>` after `timeoutMs`.
 */
export async function waitUntil<T>(probe: Probe<T>, what = 'a condition', timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

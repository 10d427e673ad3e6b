import { z } from 'zod';

/**
 * A Zalo id or epoch-millisecond timestamp, kept as a string. Zalo sends them as strings and they exceed
 * 2^53, so a JSON number can only be trusted when it is a safe integer; anything else is rejected.
 */
export const zaloIdSchema = z.union([
  z.string().min(1).max(256),
  z
    .number()
    .refine((n) => Number.isSafeInteger(n), { message: 'numeric id beyond 2^53 lost precision' })
    .transform((n) => String(n)),
]);

/** An epoch-millisecond timestamp string (digits only), coerced from a safe integer if need be. */
export const zaloTimestampSchema = zaloIdSchema.pipe(z.string().regex(/^\d{1,16}$/));

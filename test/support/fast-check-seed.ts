/**
 * Property tests explore random inputs locally (a new seed each run) but replay one fixed seed in CI
 * (CI=true), so that a landing is never decided by the luck of the draw. A failure prints its seed;
 * replay it with FC_SEED=<seed>.
 */
import fc from 'fast-check';

const fixed = process.env['FC_SEED'] ?? (process.env['CI'] ? '20261123' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });

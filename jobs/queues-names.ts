/**
 * Names shared by producers and consumers of the scheduled queues. The digest queue belongs to the
 * digest feature: the schedules only add `digest` jobs to it, and agree with it on these names only.
 */

/** The planning queue: daily planning (`plan`) and schedule ticks (`tick`). */
export const PLANNING_QUEUE = 'planning';
export const PLAN_JOB_NAME = 'plan';
export const TICK_JOB_NAME = 'tick';

/** The digest feature's queue and job name; data `{ kind, at }` (`at`: ISO instant). */
export const DIGESTS_QUEUE = 'digests';
export const DIGEST_JOB_NAME = 'digest';

export type DigestKind = 'weekly' | 'monthly' | 'quarterly';

export interface DigestJobData {
  kind: DigestKind;
  at: string;
}

/** Claims of commands that must run at most once per inbound message (see handlers/commands/run-once.ts). */
import type { PrismaClient } from '../prisma/generated/client.ts';
import { isUniqueViolation } from './errors.ts';

/** The claim already held for this message: whether the command it started also finished. */
export type CommandClaim = { claimed: true } | { claimed: false; finished: boolean };

/** Claims the command of an inbound message, atomically: of two attempts, exactly one claims it. */
export async function claimCommandRun(
  db: PrismaClient,
  input: { inboundId: number; command: string; at: Date },
): Promise<CommandClaim> {
  try {
    await db.commandRun.create({
      data: { inboundId: input.inboundId, command: input.command, startedAt: input.at },
    });
    return { claimed: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const row = await db.commandRun.findUnique({ where: { inboundId: input.inboundId } });
    return { claimed: false, finished: row?.finishedAt != null };
  }
}

/** Marks a claimed command as finished. */
export async function finishCommandRun(db: PrismaClient, inboundId: number, at: Date): Promise<void> {
  await db.commandRun.update({ where: { inboundId }, data: { finishedAt: at } });
}

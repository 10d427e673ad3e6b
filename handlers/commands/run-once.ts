/**
 * At most once: a command that creates something (an officer, an invite code, an extension request)
 * claims its inbound message before it runs. A redelivered or retried message finds the claim: when
 * the first run finished, its answers are already queued and nothing more happens; when it did not
 * (it failed half-way), the sender is asked to check and send the command again — never a second run.
 */
import { claimCommandRun, finishCommandRun } from '../../store/command-runs.ts';
import type { Turn } from '../conversation/turn.ts';
import type { CommandOutcome } from './chat-command.ts';

/** Runs `run` unless this turn's message already ran the command. */
export async function runOnce(
  turn: Turn,
  command: string,
  run: () => Promise<CommandOutcome>,
): Promise<CommandOutcome> {
  const claim = await claimCommandRun(turn.db, { inboundId: turn.inboundId, command, at: turn.now });
  if (!claim.claimed) {
    if (claim.finished) return 'processed';
    await turn.reply(turn.m.commandAlreadyRun, { key: 'already-run' });
    return 'rejected';
  }
  const outcome = await run();
  await finishCommandRun(turn.db, turn.inboundId, turn.now);
  return outcome;
}

/**
 * An admin's decision on a pending extension request from the dashboard: the same store function as the
 * chat's Approve / Reject buttons (`handlers/admin/decide-extension.ts`: first decision wins, audited,
 * approval moves the deadline), and the requesting officer is told in their own language through the
 * outbox, with the same message key as in chat (whichever decided first tells them once).
 */
import { t } from '../../locales/index.ts';
import { recipientById } from '../../store/admin-officers.ts';
import { type DecisionResult, decideExtension } from '../../store/extensions.ts';
import type { OfficerView } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import type { ChannelId } from '../channel.ts';
import { addressOfficer } from '../delivery/address-officer.ts';
import type { Outbox } from '../outbox.ts';

export interface WebDecisionDeps {
  db: PrismaClient;
  outbox: Outbox;
  enabledChannels: () => ReadonlySet<ChannelId>;
}

/** Decides extension `extensionId` as `admin`; the caller checked the role. */
export async function decideExtensionOnWeb(
  deps: WebDecisionDeps,
  input: { extensionId: number; approve: boolean; admin: OfficerView; now: Date },
): Promise<DecisionResult> {
  const { db, outbox } = deps;
  const result = await decideExtension(db, {
    extensionId: input.extensionId,
    approve: input.approve,
    actor: { id: input.admin.id, label: `${input.admin.name} (web)` },
    now: input.now,
  });
  if (!result.ok) return result;
  const ext = result.extension;
  const requester = ext.requestedBy === null ? null : await recipientById(db, ext.requestedBy);
  if (requester) {
    const address = await addressOfficer(db, requester.id, input.now, deps.enabledChannels());
    if (address) {
      const lm = t(requester.locale);
      await outbox.enqueue([
        {
          dedupKey: `extension-${ext.id}-decided-${requester.id}`,
          kind: 'notice',
          officerId: requester.id,
          to: address.to,
          ...(address.fallback.length > 0 ? { fallback: address.fallback } : {}),
          message: {
            text: input.approve
              ? lm.admin.extensionApproved(ext.taskCode, lm.dateFormat(ext.newDue))
              : lm.admin.extensionRejected(ext.taskCode, lm.dateFormat(ext.newDue)),
          },
          context: { taskIds: [ext.taskId] },
        },
      ]);
    }
  }
  return result;
}

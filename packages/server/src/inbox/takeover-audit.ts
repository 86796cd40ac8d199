import type { AuditLog } from '../records/audit-log';
import type { InboxService } from './inbox-service';

/** The inbox with every takeover in the audit: who took which conversation, and whether from another agent. */
export function withTakeoverAudit(inbox: InboxService, audit: AuditLog, clock: () => number): InboxService {
  return {
    ...inbox,
    async take(user, id, force = false) {
      const taken = await inbox.take(user, id, force);
      await audit.record(
        user.workspaceId,
        'inbox.take',
        { actor: user.id, conversationId: id, ...(force ? { forced: true } : {}) },
        clock(),
      );
      return taken;
    },
  };
}

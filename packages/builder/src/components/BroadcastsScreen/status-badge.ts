import type { BroadcastStatus } from '../../api/broadcasts-api';

/** The badge colour of a broadcast's status. */
export const statusBadge: Record<BroadcastStatus, string> = {
  scheduled: 'badge-blue',
  sending: 'badge-amber',
  done: 'badge-green',
  cancelled: '',
};

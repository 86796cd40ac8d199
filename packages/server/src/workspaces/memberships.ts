import type { DocumentStore } from '../ports/document-store';
import type { UserRole } from '../users/user-repository';

/** A user's place in a workspace other than the one their account was made in, with a role there. */
export interface MembershipRecord {
  /** The user's id: one membership per user and workspace. */
  id: string;
  workspaceId: string;
  userId: string;
  role: UserRole;
  departments: string[];
  createdAt: number;
}

export interface Memberships {
  get(workspaceId: string, userId: string): Promise<MembershipRecord | undefined>;
  /** Every workspace a user was added to. */
  ofUser(userId: string): Promise<MembershipRecord[]>;
  list(workspaceId: string): Promise<MembershipRecord[]>;
  put(membership: MembershipRecord): Promise<MembershipRecord>;
  remove(workspaceId: string, userId: string): Promise<boolean>;
}

/** Memberships on the document store (`memberships`). */
export function createMemberships(documents: DocumentStore): Memberships {
  const memberships = documents.collection<MembershipRecord>('memberships', { indexes: [['userId']] });
  return {
    get: (workspaceId, userId) => memberships.findOne({ workspaceId, id: userId }),
    ofUser: (userId) => memberships.find({ userId }, { sort: { createdAt: 1 } }),
    list: (workspaceId) => memberships.find({ workspaceId }, { sort: { createdAt: 1 } }),
    put: (membership) => memberships.upsert(membership),
    remove: async (workspaceId, userId) => (await memberships.delete({ workspaceId, id: userId })) > 0,
  };
}

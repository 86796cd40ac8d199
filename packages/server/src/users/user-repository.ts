import type { DocumentStore } from '../ports/document-store';

/**
 * What a user may do in a workspace. Owners and admins run it (owners also its API keys of any
 * role and its owners); managers see the inbox and analytics of their departments; agents the inbox.
 */
export type UserRole = 'owner' | 'admin' | 'manager' | 'agent';

/** Owners and admins: everything in their workspace. */
export function runsWorkspace(role: UserRole): boolean {
  return role === 'owner' || role === 'admin';
}

/** Someone who signs in to the builder or the inbox. */
export interface UserRecord {
  id: string;
  workspaceId: string;
  /** Lower case; unique across workspaces, since signing in names no workspace. */
  email: string;
  name: string;
  role: UserRole;
  /** The inbox queues an agent works; empty means every department. */
  departments: string[];
  /** `scrypt$N$r$p$salt$hash`; never leaves the server. */
  passwordHash: string;
  /** A disabled user cannot sign in, and their sessions stop working. */
  disabled: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A signed-in session. Only the token's SHA-256 is stored, so a leaked database holds no usable token. */
export interface AuthSessionRecord {
  id: string;
  workspaceId: string;
  userId: string;
  tokenHash: string;
  expiresAt: number;
  createdAt: number;
}

export interface UserRepository {
  list(workspaceId: string): Promise<UserRecord[]>;
  get(workspaceId: string, id: string): Promise<UserRecord | undefined>;
  /** By e-mail in any workspace: how a sign-in finds its user. */
  byEmail(email: string): Promise<UserRecord | undefined>;
  /** Rejects with `DuplicateKeyError` when the e-mail is taken. */
  insert(user: UserRecord): Promise<UserRecord>;
  update(workspaceId: string, id: string, set: Partial<UserRecord>): Promise<UserRecord | undefined>;
  delete(workspaceId: string, id: string): Promise<boolean>;

  insertSession(session: AuthSessionRecord): Promise<void>;
  /** By token hash in any workspace: the token names its session. */
  sessionByTokenHash(tokenHash: string): Promise<AuthSessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(workspaceId: string, userId: string): Promise<void>;
  /** Removes expired sessions; returns how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}

/**
 * Users and their sessions on the document store. Every query is scoped by workspace except the
 * two lookups a sign-in needs before a workspace is known: by e-mail and by token hash, both on
 * unique indexes.
 */
export function createUserRepository(documents: DocumentStore): UserRepository {
  const users = documents.collection<UserRecord>('users', { unique: [['email']], indexes: [['workspaceId', 'role']] });
  const sessions = documents.collection<AuthSessionRecord>('auth_sessions', {
    unique: [['tokenHash']],
    indexes: [['workspaceId', 'userId'], ['expiresAt']],
  });
  return {
    list: (workspaceId) => users.find({ workspaceId }, { sort: { email: 1 } }),
    get: (workspaceId, id) => users.findOne({ workspaceId, id }),
    byEmail: (email) => users.findOne({ email: email.trim().toLowerCase() }),
    insert: (user) => users.insert(user),
    update: (workspaceId, id, set) => users.update({ workspaceId, id }, set),
    delete: async (workspaceId, id) => (await users.delete({ workspaceId, id })) > 0,
    async insertSession(session) {
      await sessions.insert(session);
    },
    sessionByTokenHash: (tokenHash) => sessions.findOne({ tokenHash }),
    async deleteSession(tokenHash) {
      await sessions.delete({ tokenHash });
    },
    async deleteSessionsOf(workspaceId, userId) {
      await sessions.delete({ workspaceId, userId });
    },
    deleteExpiredSessions: (now) => sessions.delete({ expiresAt: { $lt: now } }),
  };
}

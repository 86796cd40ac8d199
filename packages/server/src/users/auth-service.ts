import { randomBytes, randomUUID } from 'node:crypto';
import { HttpError } from '../api/http-error';
import { DuplicateKeyError } from '../ports/document-store';
import { hashToken } from '../security/local-secrets';
import { DECOY_HASH, hashPassword, verifyPassword } from './password-hash';
import type { UserRecord, UserRepository, UserRole } from './user-repository';

/** Who is calling, as routes see it (`req.user`). The ADMIN_TOKEN is the user `admin`. */
export interface AuthUser {
  id: string;
  role: UserRole;
  workspaceId: string;
  /** The agent's departments; empty means all. */
  departments: string[];
  name?: string;
  /** The ADMIN_TOKEN: it also manages workspaces, and no workspace's suspension stops it. */
  platformAdmin?: boolean;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: UserRole;
  departments?: string[];
}

export interface UserChanges {
  name?: string;
  password?: string;
  role?: UserRole;
  departments?: string[];
  disabled?: boolean;
}

export interface AuthService {
  /** Signs in; 401 with one message for a wrong e-mail or password alike. */
  login(email: string, password: string): Promise<{ token: string; expiresAt: number; user: UserRecord }>;
  /**
   * The user of a session, named by its token's SHA-256 (`hashToken`), or undefined when it is
   * unknown, expired or its user is disabled or deleted.
   */
  authenticate(tokenHash: string): Promise<AuthUser | undefined>;
  logout(token: string): Promise<void>;
  createUser(workspaceId: string, input: NewUser): Promise<UserRecord>;
  updateUser(workspaceId: string, id: string, changes: UserChanges): Promise<UserRecord>;
  deleteUser(workspaceId: string, id: string): Promise<void>;
  listUsers(workspaceId: string): Promise<UserRecord[]>;
  getUser(workspaceId: string, id: string): Promise<UserRecord>;
}

export interface AuthServiceOptions {
  /** How long a session lasts; default 12 hours. */
  sessionTtlMs?: number;
  clock?: () => number;
}

/**
 * Users with roles and password sign-in. Session tokens are 32 random bytes, given once and
 * stored only as their SHA-256; a session expires after `sessionTtlMs`, and disabling or
 * deleting a user or changing their password ends their sessions.
 *
 * @example
 * const auth = createAuthService(createUserRepository(documents));
 * const { token } = await auth.login('ana@shop.example', 'a long passphrase');
 */
export function createAuthService(users: UserRepository, options: AuthServiceOptions = {}): AuthService {
  const ttl = options.sessionTtlMs ?? 12 * 60 * 60 * 1000;
  const clock = options.clock ?? Date.now;
  const service: AuthService = {
    async login(email, password) {
      const user = await users.byEmail(email);
      // Verify against a decoy when the e-mail is unknown, so timing does not tell which e-mails exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
      if (!user || !valid || user.disabled) throw new HttpError(401, 'wrong e-mail or password');
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const expiresAt = now + ttl;
      await users.insertSession({
        id: randomUUID(),
        workspaceId: user.workspaceId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt,
        createdAt: now,
      });
      // Housekeeping on the way: sessions nobody logged out of would otherwise pile up.
      await users.deleteExpiredSessions(now);
      return { token, expiresAt, user };
    },
    async authenticate(tokenHash) {
      const session = await users.sessionByTokenHash(tokenHash);
      if (!session || session.expiresAt <= clock()) return undefined;
      const user = await users.get(session.workspaceId, session.userId);
      if (!user || user.disabled) return undefined;
      return { id: user.id, role: user.role, workspaceId: user.workspaceId, departments: user.departments, name: user.name };
    },
    async logout(token) {
      await users.deleteSession(hashToken(token));
    },
    async createUser(workspaceId, input) {
      const now = clock();
      const user: UserRecord = {
        id: randomUUID(),
        workspaceId,
        email: input.email.trim().toLowerCase(),
        name: input.name.trim(),
        role: input.role,
        departments: input.departments ?? [],
        passwordHash: await hashPassword(input.password),
        disabled: false,
        createdAt: now,
        updatedAt: now,
      };
      try {
        return await users.insert(user);
      } catch (error) {
        if (error instanceof DuplicateKeyError)
          throw new HttpError(409, `a user with e-mail "${user.email}" exists already`, { path: 'email' });
        throw error;
      }
    },
    async updateUser(workspaceId, id, changes) {
      const updated = await users.update(workspaceId, id, {
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.role ? { role: changes.role } : {}),
        ...(changes.departments ? { departments: changes.departments } : {}),
        ...(changes.disabled !== undefined ? { disabled: changes.disabled } : {}),
        ...(changes.password ? { passwordHash: await hashPassword(changes.password) } : {}),
        updatedAt: clock(),
      });
      if (!updated) throw new HttpError(404, `user "${id}" not found`, { path: 'id' });
      if (changes.password || changes.disabled) await users.deleteSessionsOf(workspaceId, id);
      return updated;
    },
    async deleteUser(workspaceId, id) {
      // No last-admin guard: the ADMIN_TOKEN stays an admin whatever happens to user accounts.
      await service.getUser(workspaceId, id);
      await users.deleteSessionsOf(workspaceId, id);
      await users.delete(workspaceId, id);
    },
    listUsers: (workspaceId) => users.list(workspaceId),
    async getUser(workspaceId, id) {
      const user = await users.get(workspaceId, id);
      if (!user) throw new HttpError(404, `user "${id}" not found`, { path: 'id' });
      return user;
    },
  };
  return service;
}

import type { Request } from 'express';
import type { AiMemoryData } from '../api/contact-data';
import { HttpError } from '../api/http-error';
import type { RouteSpec } from '../api/route-spec';
import type { ChannelRepository } from '../flows/channel-repository';
import type { WorkspaceAccess } from '../inbox/business-modules';
import type { MediaStore } from '../media/media-store';
import type { SessionStore } from '../ports/session-store';
import type { Records } from '../records/records';
import type { SecretBox } from '../security/secret-box';
import type { AuthService } from '../users/auth-service';
import { createUserRepository } from '../users/user-repository';
import { createAiSettings } from './ai-settings';
import { aiSettingsRoutes } from './ai-settings-routes';
import { apiKeyRoutes } from './api-key-routes';
import { createApiKeys } from './api-keys';
import { eraseWorkspace } from './erase-workspace';
import { createMemberships } from './memberships';
import { signupRoutes } from './signup-routes';
import type { TrackedDocuments } from './tracked-documents';
import { createWorkspaceCredentials } from './workspace-credentials';
import { createWorkspaceRegistry, DEFAULT_WORKSPACE } from './workspace-registry';
import { workspaceRoutes } from './workspace-routes';
import { workspaceSessionRoutes } from './workspace-session-routes';

export interface WorkspaceModuleDeps {
  documents: TrackedDocuments;
  sessions: SessionStore;
  box: SecretBox;
  auth: AuthService;
  channels: Pick<ChannelRepository, 'ownerOf' | 'ownerOfAccount' | 'credentials'>;
  /** `SIGNUP=open`: self-service sign-up makes workspaces. */
  signup: boolean;
  clock?: () => number;
}

/**
 * Many businesses on one server: the workspace registry (the platform admin's), memberships and
 * the session switch, API keys, per-workspace AI settings, which workspace a WhatsApp number's
 * webhooks go to, and deleting a workspace with all its data.
 *
 * @example
 * const workspaces = createWorkspaceModule({ documents, sessions, box, auth: business.auth, channels, signup: false });
 * authenticate: (isStream) => business.authenticate(isStream, workspaces.access);
 */
export function createWorkspaceModule(deps: WorkspaceModuleDeps) {
  const clock = deps.clock ?? Date.now;
  const registry = createWorkspaceRegistry(deps.documents);
  const memberships = createMemberships(deps.documents);
  const apiKeys = createApiKeys(deps.documents, clock);
  const credentials = createWorkspaceCredentials(deps.documents, { auth: deps.auth, memberships, apiKeys });
  const aiSettings = createAiSettings(deps.documents, deps.box);
  const suspended = async (workspaceId: string) => (await registry.get(workspaceId))?.suspended !== false;
  const access: WorkspaceAccess = {
    credentials,
    async admit(user) {
      if (await suspended(user.workspaceId)) throw new HttpError(403, 'this workspace is suspended; ask the platform admin');
    },
    isPublic: (req: Request) => req.method === 'POST' && (req.path === '/auth/login' || (deps.signup && req.path === '/auth/signup')),
  };
  return {
    registry,
    access,
    aiSettings,
    /**
     * The workspace a number's webhooks go to and its app secret: the workspace whose channel it
     * is, else `default` (a number configured only by environment). Suspended workspaces are marked.
     */
    async number(phoneNumberId: string) {
      const workspaceId = (await deps.channels.ownerOf(phoneNumberId)) ?? DEFAULT_WORKSPACE;
      const appSecret = (await deps.channels.credentials(workspaceId, phoneNumberId))?.appSecret;
      return { workspaceId, ...(appSecret ? { appSecret } : {}), ...((await suspended(workspaceId)) ? { suspended: true } : {}) };
    },
    /** The workspace a WhatsApp Business Account's template updates belong to. */
    accountOwner: async (wabaId: string) => (await deps.channels.ownerOfAccount(wabaId)) ?? DEFAULT_WORKSPACE,
    routes(data: { records: Records; aiMemory: AiMemoryData; media: MediaStore }): RouteSpec[] {
      const erase = async (workspaceId: string) => {
        await eraseWorkspace(
          { documents: deps.documents, sessions: deps.sessions, records: data.records, aiMemory: data.aiMemory, media: data.media },
          workspaceId,
        );
      };
      return [
        ...workspaceRoutes({ registry, memberships, users: createUserRepository(deps.documents), erase, clock }),
        ...apiKeyRoutes({ registry, keys: apiKeys, audit: data.records.audit, clock }),
        ...workspaceSessionRoutes({ registry, credentials }),
        ...aiSettingsRoutes({ settings: aiSettings, audit: data.records.audit, clock }),
        ...(deps.signup ? signupRoutes({ registry, auth: deps.auth, sessions: deps.sessions, clock }) : []),
      ];
    },
  };
}

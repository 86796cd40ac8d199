import type { DocumentStore } from '../ports/document-store';
import { DuplicateKeyError } from '../ports/document-store';
import type { SecretBox } from '../security/secret-box';
import { createReadCache } from './read-cache';

/** A WhatsApp business number as stored: its secrets sealed with SECRET_KEY. */
export interface ChannelRecord {
  /** The phone number id. */
  id: string;
  workspaceId: string;
  phoneNumberId: string;
  /** Sealed (AES-256-GCM). */
  accessToken: string;
  /** Sealed (AES-256-GCM); verifies webhook signatures when the number belongs to another Meta app. */
  appSecret?: string;
  /** The flow new conversations on this number start; the workspace's default flow when unset. */
  flowId?: string;
  /** The WhatsApp Business Account the number belongs to: where its templates are synced from. */
  wabaId?: string;
  createdAt: number;
  updatedAt: number;
}

/** A channel as the API shows it: no secrets, only whether one is set. */
export interface ChannelView {
  id: string;
  phoneNumberId: string;
  flowId?: string;
  wabaId?: string;
  hasAppSecret: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A channel's secrets in clear, for the pipeline only. */
export interface ChannelCredentials {
  phoneNumberId: string;
  accessToken: string;
  appSecret?: string;
  flowId?: string;
}

export interface ChannelInput {
  phoneNumberId: string;
  accessToken: string;
  appSecret?: string;
  flowId?: string;
  wabaId?: string;
}

export interface ChannelRepository {
  list(workspaceId: string): Promise<ChannelView[]>;
  get(workspaceId: string, phoneNumberId: string): Promise<ChannelView | undefined>;
  /** Undefined when the number is already configured. */
  create(workspaceId: string, input: ChannelInput, now: number): Promise<ChannelView | undefined>;
  /** Changes the given fields; `null` clears the app secret or the flow. */
  update(
    workspaceId: string,
    phoneNumberId: string,
    change: { accessToken?: string; appSecret?: string | null; flowId?: string | null; wabaId?: string | null },
    now: number,
  ): Promise<ChannelView | undefined>;
  delete(workspaceId: string, phoneNumberId: string): Promise<boolean>;
  /** The decrypted secrets of a number, or undefined when it is not configured. */
  credentials(workspaceId: string, phoneNumberId: string): Promise<ChannelCredentials | undefined>;
  /**
   * Every configured app secret of every workspace, decrypted: a webhook POST signed by any of them
   * is genuine (the webhook is one URL for all the workspaces).
   */
  appSecrets(): Promise<string[]>;
  /** The workspace a number belongs to: a number is configured in one workspace at most. */
  ownerOf(phoneNumberId: string): Promise<string | undefined>;
  /** The workspace whose numbers belong to a WhatsApp Business Account. */
  ownerOfAccount(wabaId: string): Promise<string | undefined>;
  /** Numbers whose conversations start `flowId`. */
  usingFlow(workspaceId: string, flowId: string): Promise<ChannelView[]>;
  /** Each distinct `wabaId` of the channels, with the token of its first number. */
  businessAccounts(workspaceId: string): Promise<{ wabaId: string; accessToken: string }[]>;
}

/**
 * Channels on the document store (`channels`). Secrets are sealed with a context naming the
 * workspace, number and field, so a sealed value copied to another record does not open. A number
 * is unique across workspaces: its webhooks must go to one business. A number's record, read for
 * every webhook and every send, is reused for a second (`createReadCache`).
 */
export function createChannelRepository(documents: DocumentStore, box: SecretBox): ChannelRepository {
  const channels = documents.collection<ChannelRecord>('channels', {
    unique: [['workspaceId', 'id'], ['phoneNumberId']],
    indexes: [['wabaId']],
  });
  const context = (record: Pick<ChannelRecord, 'workspaceId' | 'id'>, field: 'accessToken' | 'appSecret') =>
    `${record.workspaceId}/channel/${record.id}/${field}`;
  const cache = createReadCache<ChannelRecord | undefined>();
  const find = (workspaceId: string, phoneNumberId: string) =>
    cache.get(`${workspaceId}\u0000${phoneNumberId}`, () => channels.findOne({ workspaceId, id: phoneNumberId }));
  const opened = createReadCache<ChannelCredentials | undefined>();
  const written = <T>(write: Promise<T>): Promise<T> =>
    write.finally(() => {
      cache.clear();
      opened.clear();
    });
  return {
    list: async (workspaceId) => (await channels.find({ workspaceId }, { sort: { createdAt: 1 } })).map(view),
    get: async (workspaceId, phoneNumberId) => optionalView(await find(workspaceId, phoneNumberId)),
    async create(workspaceId, input, now) {
      const key = { workspaceId, id: input.phoneNumberId };
      const record: ChannelRecord = {
        ...key,
        phoneNumberId: input.phoneNumberId,
        accessToken: box.seal(input.accessToken, context(key, 'accessToken')),
        ...(input.appSecret ? { appSecret: box.seal(input.appSecret, context(key, 'appSecret')) } : {}),
        ...(input.flowId ? { flowId: input.flowId } : {}),
        ...(input.wabaId ? { wabaId: input.wabaId } : {}),
        createdAt: now,
        updatedAt: now,
      };
      try {
        return view(await written(channels.insert(record)));
      } catch (error) {
        if (error instanceof DuplicateKeyError) return undefined;
        throw error;
      }
    },
    async update(workspaceId, phoneNumberId, change, now) {
      const found = await find(workspaceId, phoneNumberId);
      if (!found) return undefined;
      // The found record is the cache's: changed as a copy.
      const next: ChannelRecord = { ...found, updatedAt: now };
      if (change.accessToken !== undefined) next.accessToken = box.seal(change.accessToken, context(found, 'accessToken'));
      if (change.appSecret === null) delete next.appSecret;
      else if (change.appSecret !== undefined) next.appSecret = box.seal(change.appSecret, context(found, 'appSecret'));
      if (change.flowId === null) delete next.flowId;
      else if (change.flowId !== undefined) next.flowId = change.flowId;
      if (change.wabaId === null) delete next.wabaId;
      else if (change.wabaId !== undefined) next.wabaId = change.wabaId;
      return view(await written(channels.upsert(next)));
    },
    delete: async (workspaceId, phoneNumberId) => (await written(channels.delete({ workspaceId, id: phoneNumberId }))) > 0,
    credentials: (workspaceId, phoneNumberId) =>
      opened.get(`${workspaceId}\u0000${phoneNumberId}`, async () => {
        const found = await find(workspaceId, phoneNumberId);
        if (!found) return undefined;
        return {
          phoneNumberId: found.phoneNumberId,
          accessToken: box.open(found.accessToken, context(found, 'accessToken')),
          ...(found.appSecret ? { appSecret: box.open(found.appSecret, context(found, 'appSecret')) } : {}),
          ...(found.flowId ? { flowId: found.flowId } : {}),
        };
      }),
    async appSecrets() {
      const all = await channels.find({ appSecret: { $exists: true } });
      return all.flatMap((record) => (record.appSecret ? [box.open(record.appSecret, context(record, 'appSecret'))] : []));
    },
    ownerOf: async (phoneNumberId) => (await channels.findOne({ phoneNumberId }))?.workspaceId,
    ownerOfAccount: async (wabaId) => (await channels.findOne({ wabaId }))?.workspaceId,
    usingFlow: async (workspaceId, flowId) => (await channels.find({ workspaceId, flowId })).map(view),
    async businessAccounts(workspaceId) {
      const accounts = new Map<string, string>();
      for (const record of await channels.find({ workspaceId, wabaId: { $exists: true } }, { sort: { createdAt: 1 } })) {
        if (record.wabaId && !accounts.has(record.wabaId))
          accounts.set(record.wabaId, box.open(record.accessToken, context(record, 'accessToken')));
      }
      return [...accounts].map(([wabaId, accessToken]) => ({ wabaId, accessToken }));
    },
  };
}

function view(record: ChannelRecord): ChannelView {
  return {
    id: record.id,
    phoneNumberId: record.phoneNumberId,
    ...(record.flowId ? { flowId: record.flowId } : {}),
    ...(record.wabaId ? { wabaId: record.wabaId } : {}),
    hasAppSecret: record.appSecret !== undefined,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function optionalView(record: ChannelRecord | undefined): ChannelView | undefined {
  return record ? view(record) : undefined;
}

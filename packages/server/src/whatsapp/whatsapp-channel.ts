import type { OutboundMessage } from '@chatflow/engine';
import type { Channel, SendResult, SendTarget } from '../conversation/channel';
import { OUTSIDE_WINDOW } from '../conversation/channel';
import type { MediaUploads } from '../media/media-uploads';
import { limits, toCloudApiMessages } from './cloud-api-payloads';
import { createGraphClient, type GraphResult, type RetryPolicy } from './graph-client';
import { withHeaderMediaId, withMediaId } from './outbound-media';

/** WhatsApp's customer-service window: plain messages only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Graph's code for a plain message sent outside the window. */
const REENGAGEMENT_REQUIRED = 131047;
/** Graph's code for media it could not use (an uploaded id that expired, among others). */
const MEDIA_UNUSABLE = 131053;

export interface WhatsAppChannelDeps {
  /** e.g. `https://graph.facebook.com/v25.0`, without a trailing slash. */
  graphUrl: string;
  /** The access token of a business number: its channel's own, else `WHATSAPP_ACCESS_TOKEN`. */
  accessToken(phoneNumberId: string, workspaceId: string): string | undefined | Promise<string | undefined>;
  fetch?: typeof fetch;
  retry?: RetryPolicy;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: { warn(message: string, details?: Record<string, unknown>): void };
  /** Uploads stored files (a media item's `file`) and remembers their WhatsApp media ids. */
  uploads?: MediaUploads;
}

/**
 * The WhatsApp Cloud API channel: maps engine messages onto Cloud API messages within WhatsApp's
 * limits, keeps plain messages inside the 24-hour window (`skipped` with `OUTSIDE_WINDOW`
 * otherwise, and likewise on Graph error 131047, so the caller can send a template instead),
 * retries rate limits and server errors with backoff, and reports other errors as `failed`.
 *
 * @example
 * const whatsapp = createWhatsAppChannel({ graphUrl: config.whatsapp.graphUrl, accessToken: () => config.whatsapp.accessToken });
 * await whatsapp.send({ workspaceId, channel, address: '16505551234', lastInboundAt }, { kind: 'text', text: 'Hi' }, 'wamid.X:0');
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): Channel {
  const graph = createGraphClient({
    graphUrl: deps.graphUrl,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
  });
  const clock = deps.clock ?? Date.now;

  async function credentials(target: SendTarget): Promise<{ phoneNumberId: string; token: string } | string> {
    if (target.channel.kind !== 'whatsapp') return `the WhatsApp channel cannot send to a ${target.channel.kind} conversation`;
    const { phoneNumberId } = target.channel;
    const token = await deps.accessToken(phoneNumberId, target.workspaceId);
    if (!token) return `no access token for WhatsApp number ${phoneNumberId}`;
    return { phoneNumberId, token };
  }

  async function post(
    target: SendTarget,
    creds: { phoneNumberId: string; token: string },
    message: OutboundMessage,
    idempotencyKey: string,
  ): Promise<SendResult> {
    let first: string | undefined;
    const parts = toCloudApiMessages(message);
    // The last part carries the key: Meta echoes it in that part's statuses, which then say the
    // whole message went out even when our record of the send was never written (a crash).
    const callback = idempotencyKey.length <= limits.callbackData ? { biz_opaque_callback_data: idempotencyKey } : {};
    for (const [i, part] of parts.entries()) {
      const result = await graph.postMessage(creds.phoneNumberId, creds.token, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: target.address,
        ...part,
        ...(i === parts.length - 1 ? callback : {}),
      });
      if (!result.ok) return failure(result, i, parts.length);
      first ??= providerId(result.body);
    }
    return { status: 'sent', ...(first ? { providerMessageId: first } : {}) };
  }

  return {
    kind: 'whatsapp',
    async send(target, message, idempotencyKey): Promise<SendResult> {
      const creds = await credentials(target);
      if (typeof creds === 'string') return { status: 'failed', reason: creds };
      const inWindow = target.lastInboundAt !== undefined && clock() - target.lastInboundAt < SERVICE_WINDOW_MS;
      if (message.kind !== 'template' && !inWindow) return { status: 'skipped', reason: OUTSIDE_WINDOW };
      if (message.kind !== 'media' && message.kind !== 'template') return post(target, creds, message, idempotencyKey);
      const upload = { workspaceId: target.workspaceId, ...creds };
      const prepare = (fresh: boolean) =>
        message.kind === 'media'
          ? withMediaId(message, deps.uploads, upload, fresh)
          : withHeaderMediaId(message, deps.uploads, upload, fresh);
      const ready = await prepare(false);
      if (typeof ready === 'string') return { status: 'failed', reason: ready };
      const sent = await post(target, creds, ready, idempotencyKey);
      const file = message.kind === 'media' ? message.file : message.header?.type !== 'text' ? message.header?.file : undefined;
      if (sent.status !== 'failed' || sent.code !== MEDIA_UNUSABLE || !file) return sent;
      // The remembered upload is gone at Meta: upload the file again, once.
      const again = await prepare(true);
      return typeof again === 'string' ? { status: 'failed', reason: again } : post(target, creds, again, idempotencyKey);
    },
    async typing(target, channelMessageId, indicator = true) {
      const creds = await credentials(target);
      if (typeof creds === 'string') return;
      const result = await graph.postMessage(
        creds.phoneNumberId,
        creds.token,
        {
          messaging_product: 'whatsapp',
          status: 'read',
          message_id: channelMessageId,
          ...(indicator ? { typing_indicator: { type: 'text' } } : {}),
        },
        { retry: false },
      );
      if (!result.ok)
        deps.logger?.warn(indicator ? 'typing indicator failed' : 'read receipt failed', { code: result.code, reason: result.reason });
    },
  };
}

function failure(result: Extract<GraphResult, { ok: false }>, part: number, parts: number): SendResult {
  if (result.code === REENGAGEMENT_REQUIRED) return { status: 'skipped', reason: OUTSIDE_WINDOW };
  const where = parts > 1 ? ` (part ${part + 1} of ${parts})` : '';
  return { status: 'failed', ...(result.code !== undefined ? { code: result.code } : {}), reason: `${result.reason}${where}` };
}

function providerId(body: Record<string, unknown>): string | undefined {
  const messages = body.messages;
  if (!Array.isArray(messages)) return undefined;
  const id = (messages[0] as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { InboundEvent } from '../conversation/inbound-event';
import { type Logger, stderrLogger } from '../conversation/logger';
import type { AuditLog } from '../records/audit-log';
import type { MessageRepository } from '../records/message-repository';
import { parseWhatsAppWebhook, type WebhookItem } from './parse-whatsapp-webhook';
import { verifySignature } from './verify-signature';

/** A business number the server serves: its workspace and, if it has its own app, its app secret. */
export interface WhatsAppNumber {
  workspaceId: string;
  appSecret?: string;
  /** Its workspace is suspended: the webhook is acknowledged (so Meta does not retry it) and nothing runs. */
  suspended?: boolean;
}

export interface WhatsAppWebhookDeps {
  /** The conversation service's `accept`. */
  accept(events: InboundEvent[]): Promise<void>;
  records: { messages: MessageRepository; audit: AuditLog };
  /** The number by its `phone_number_id`, or undefined when no channel is configured for it. */
  number(phoneNumberId: string): Promise<WhatsAppNumber | undefined>;
  /**
   * A sent message failed later with 131047 (outside the 24-hour window): the conversation
   * service's `reengage`, which sends the flow's template instead. Not awaited by the webhook.
   */
  reengage?(workspaceId: string, providerMessageId: string): Promise<void>;
  /** Told of every delivery status and when Meta says it happened (the conversation service's `statusSeen`). */
  statusSeen?(happenedAt: number | undefined): void;
  /**
   * Offered each delivery status first: true when it is about a message sent outside conversations
   * (a broadcast's, recognised by its `biz_opaque_callback_data`) and was applied there.
   */
  sentElsewhere?(workspaceId: string, status: Extract<WebhookItem, { kind: 'status' }>): Promise<boolean>;
  /** Told when a webhook starts being received; the returned function once it is answered (the conversation service's `webhookReceiving`). */
  receiving?(): () => void;
  /** A `message_template_status_update` from a body signed by a known app secret. */
  templateStatus?(change: Extract<WebhookItem, { kind: 'template-status' }>): Promise<void>;
  /** `WHATSAPP_APP_SECRET`: signs webhooks of every number without an app secret of its own. */
  appSecret?: string;
  /** The app secrets of the numbers with an app of their own: a body signed with none of these (nor `appSecret`) is refused unread. */
  appSecrets?(): Promise<string[]>;
  /**
   * Runs before the 401 for a body no known secret signs, e.g. a per-address rate limit: signed
   * webhooks are never limited (Meta sends them all from a few addresses), forgeries are.
   */
  unsigned?: RequestHandler;
  /** `WHATSAPP_VERIFY_TOKEN`: the subscription handshake answers only with it. */
  verifyToken?: string;
  clock?: () => number;
  logger?: Logger;
}

/** Graph's code for a message sent outside the customer's 24-hour window. */
const REENGAGEMENT_REQUIRED = 131047;
/** Meta allows webhook bodies up to 3 MB. */
const BODY_LIMIT = '4mb';

/**
 * The WhatsApp Cloud API webhook, an Express router serving `/webhooks/whatsapp`. Mount it before
 * any JSON body parser: the signature is checked over the raw bytes.
 *
 * - `GET`: the subscription handshake; answers `hub.challenge` when `hub.verify_token` matches, else 403.
 * - `POST`: 401 (nothing stored) unless `X-Hub-Signature-256` verifies; 400 for a body that is not
 *   JSON; otherwise every message of the batch is accepted (deduplicated, queued), every status
 *   applied, every ignored part recorded, and only then 200.
 *
 * @example
 * app.use(createWhatsAppWebhook({ accept: service.accept, records, number, appSecret, verifyToken }));
 */
export function createWhatsAppWebhook(deps: WhatsAppWebhookDeps): Router {
  const clock = deps.clock ?? Date.now;
  const logger = deps.logger ?? stderrLogger;
  const router = express.Router();

  router.get('/webhooks/whatsapp', (req: Request, res: Response) => {
    const mode = req.query['hub.mode'];
    const token = req.query['hub.verify_token'];
    const challenge = req.query['hub.challenge'];
    if (
      mode === 'subscribe' &&
      typeof token === 'string' &&
      deps.verifyToken &&
      sameText(token, deps.verifyToken) &&
      typeof challenge === 'string'
    ) {
      res.status(200).type('text/plain').send(challenge);
      return;
    }
    res.status(403).type('text/plain').send('Forbidden');
  });

  router.post('/webhooks/whatsapp', receiving(deps));
  router.post('/webhooks/whatsapp', express.raw({ type: () => true, limit: BODY_LIMIT }), async (req: Request, res: Response) => {
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw)) {
      logger.error('the WhatsApp webhook got a parsed body; mount it before any body parser');
      res.status(500).json({ error: { message: 'webhook body was not received raw' } });
      return;
    }
    const signature = req.get('x-hub-signature-256');
    const signedByApp = deps.appSecret !== undefined && verifySignature(raw, signature, deps.appSecret);
    if (!signedByApp && !(await signedByOwnApp(raw, signature, deps))) {
      // Nothing is parsed for a body no known secret signs; the limit comes first.
      await runMiddleware(deps.unsigned, req, res);
      if (!res.headersSent) res.status(401).json({ error: { message: 'bad signature' } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      res.status(400).json({ error: { message: 'body is not JSON' } });
      return;
    }
    const items = parseWhatsAppWebhook(body);
    const numbers = new Map<string, WhatsAppNumber | undefined>();
    for (const item of items) {
      if (item.phoneNumberId && !numbers.has(item.phoneNumberId)) numbers.set(item.phoneNumberId, await deps.number(item.phoneNumberId));
    }
    // A number with its own app is trusted only with its own secret; the others with the global one.
    const trusted = (phoneNumberId: string): boolean => {
      const number = numbers.get(phoneNumberId);
      if (number?.appSecret) return verifySignature(raw, signature, number.appSecret);
      return signedByApp;
    };
    // A signed body naming no number (no entries, no metadata) has nothing to do: it is only logged.
    const forNumbers = items.filter((item) => item.phoneNumberId !== undefined);
    const accepted = forNumbers.filter((item) => trusted(item.phoneNumberId as string));
    if (forNumbers.length > 0 && accepted.length === 0) {
      res.status(401).json({ error: { message: 'bad signature' } });
      return;
    }
    if (accepted.length < forNumbers.length) {
      logger.warn('webhook items for numbers signed with another app secret were dropped', {
        dropped: forNumbers.length - accepted.length,
      });
    }
    const templates = items.filter((item) => item.kind === 'template-status');
    for (const item of items)
      if (item.kind === 'ignored' && item.phoneNumberId === undefined)
        logger.info('signed webhook without a number; nothing to do', { reason: item.reason });
    try {
      await Promise.all([handle(accepted, numbers, clock(), deps, logger), ...templates.map((item) => deps.templateStatus?.(item))]);
      res.status(200).type('text/plain').send('OK');
    } catch (error) {
      // Meta retries a webhook that did not get a 200; the dedup makes that retry safe.
      logger.error('a webhook could not be accepted; Meta will retry it', {
        error: error instanceof Error ? error.message : String(error),
      });
      res.status(500).json({ error: { message: 'not accepted, retry later' } });
    }
  });

  return router;
}

async function handle(
  items: WebhookItem[],
  numbers: Map<string, WhatsAppNumber | undefined>,
  now: number,
  deps: WhatsAppWebhookDeps,
  logger: Logger,
): Promise<void> {
  const events: InboundEvent[] = [];
  const work: Promise<unknown>[] = [];
  for (const item of items) {
    const number = item.phoneNumberId ? numbers.get(item.phoneNumberId) : undefined;
    if (!number) {
      logger.warn('webhook item for a number without a channel; ignored', { phoneNumberId: item.phoneNumberId, kind: item.kind });
      continue;
    }
    if (number.suspended) {
      logger.info('webhook item for a suspended workspace; acknowledged, not run', { workspaceId: number.workspaceId, kind: item.kind });
      continue;
    }
    if (item.kind === 'message') {
      events.push({
        id: item.id,
        workspaceId: number.workspaceId,
        channel: { kind: 'whatsapp', phoneNumberId: item.phoneNumberId },
        address: item.from,
        ...(item.name ? { contactName: item.name } : {}),
        event: { type: 'user.message', message: item.message, now: item.timestamp ?? now },
        receivedAt: now,
      });
    } else if (item.kind === 'status') {
      deps.statusSeen?.(item.timestamp);
      const error = item.errors[0];
      const reason = error ? [error.title, error.details].filter(Boolean).join(': ') || 'failed' : undefined;
      const elsewhere = deps.sentElsewhere ? deps.sentElsewhere(number.workspaceId, item) : Promise.resolve(false);
      work.push(
        elsewhere.then((applied) =>
          applied
            ? undefined
            : deps.records.messages
                .applyStatus(
                  number.workspaceId,
                  item.id,
                  item.status,
                  now,
                  error ? { ...(error.code !== undefined ? { code: error.code } : {}), reason: reason ?? '' } : undefined,
                  item.callbackData,
                )
                .then((found) => {
                  // Meta can answer with a status before our record of the send exists: it is kept and applied then.
                  if (!found)
                    logger.info('status for a message not recorded yet; kept for its record', { id: item.id, status: item.status });
                  else if (item.status === 'failed' && error?.code === REENGAGEMENT_REQUIRED && deps.reengage) {
                    // The answer to Meta must stay fast: the template goes out after it.
                    deps.reengage(number.workspaceId, item.id).catch((failure: unknown) => {
                      logger.error('sending the outside-window template failed', {
                        error: failure instanceof Error ? failure.message : String(failure),
                      });
                    });
                  }
                }),
        ),
      );
    } else if (item.kind === 'ignored') {
      // Meta's JSON is kept as text: its keys (`$`-prefixed, dotted) could not be stored as fields.
      const meta = JSON.stringify(item.details);
      work.push(deps.records.audit.record(number.workspaceId, 'webhook.ignored', { reason: item.reason, meta }, now));
    }
  }
  await Promise.all([deps.accept(events), ...work]);
}

/** Tells `deps.receiving` of each webhook from its first byte to its answer (or a dropped connection). */
function receiving(deps: WhatsAppWebhookDeps): RequestHandler {
  return (_req, res, next) => {
    const answered = deps.receiving?.();
    if (answered) res.once('close', answered);
    next();
  };
}

async function signedByOwnApp(raw: Buffer, signature: string | undefined, deps: WhatsAppWebhookDeps): Promise<boolean> {
  const secrets = (await deps.appSecrets?.()) ?? [];
  return secrets.some((secret) => verifySignature(raw, signature, secret));
}

/** Runs an Express middleware inline: resolves when it calls `next` or answers. */
function runMiddleware(middleware: RequestHandler | undefined, req: Request, res: Response): Promise<void> {
  if (!middleware) return Promise.resolve();
  return new Promise((resolve, reject) => {
    res.once('finish', () => resolve());
    const next: NextFunction = (error?: unknown) => (error ? reject(error) : resolve());
    Promise.resolve(middleware(req, res, next)).catch(reject);
  });
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

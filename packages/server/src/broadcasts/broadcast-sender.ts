import { interpolate, type OutboundMessage } from '@chatflow/engine';
import type { Channel, SendResult } from '../conversation/channel';
import type { Logger } from '../conversation/logger';
import type { StatusBacklog } from '../conversation/status-backlog';
import { contactOf } from '../conversation/window-template';
import type { Lock, SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import { type BroadcastAudienceResolver, refusal } from './broadcast-audience';
import type { BroadcastReplies } from './broadcast-replies';
import { type BroadcastRecord, type BroadcastRepository, CALLBACK_PREFIX, type RecipientRecord, recipientId } from './broadcast-repository';
import { createTokenBucket, type TokenBucket } from './token-bucket';

export interface BroadcastSenderDeps {
  broadcasts: BroadcastRepository;
  audience: BroadcastAudienceResolver;
  replies: BroadcastReplies;
  sessions: SessionStore;
  /** A WhatsApp channel that does not retry by itself: throughput errors slow the whole broadcast down instead. */
  channel: Channel;
  /** Statuses Meta redelivers of sends made before this process started (see `createStatusBacklog`). */
  backlog: StatusBacklog;
  logger: Logger;
  clock?: () => number;
  options?: BroadcastSenderOptions;
}

export interface BroadcastSenderOptions {
  /** How often due broadcasts are looked for (1 s). */
  pollMs?: number;
  /** How long a run resumed after a crash waits for statuses of the sends then in flight before sending them again (3 s). */
  statusWaitMs?: number;
  /** The first pause after a throughput error (130429), doubled while they go on (1 s, up to 30 s). */
  throttleBackoffMs?: number;
}

interface Batch {
  recipients: RecipientRecord[];
  contacts: Map<string, ContactRecord>;
}

/** Refusals worth another try later: throughput, pair rate, Meta's temporary and unknown errors, no answer. */
const retryable = new Set([1, 2, 130429, 131000, 131016, 131056, 131057]);
/** Throughput errors: every send of the number waits. */
const throttled = new Set([130429, 131057]);
const MAX_ATTEMPTS = 5;
const MAX_BACKOFF_MS = 30_000;
/** Short, so a dead process's broadcast is taken over within seconds; the live holder extends it every third of it. */
const LOCK_TTL_MS = 5_000;
/** Sends waiting for Graph's answer at once; enough for 1,000/s at a few hundred milliseconds each. */
const MAX_IN_FLIGHT = 256;

/**
 * Sends due broadcasts, each by one process at a time (a lock per broadcast, taken over when its
 * process dies), paced per business number. Every recipient is a record: claimed (`sending`)
 * before its send, settled after it; a run resumed after a crash first waits for statuses of the
 * sends it left uncertain (they carry the recipient in `biz_opaque_callback_data`), then sends only
 * those no status confirmed, so nobody gets a second copy.
 */
export function createBroadcastSender(deps: BroadcastSenderDeps) {
  const clock = deps.clock ?? Date.now;
  const { broadcasts, logger } = deps;
  const pollMs = deps.options?.pollMs ?? 1000;
  const statusWaitMs = deps.options?.statusWaitMs ?? 3000;
  const throttleBackoffMs = deps.options?.throttleBackoffMs ?? 1000;
  const buckets = new Map<string, TokenBucket>();
  const running = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  function bucketFor(phoneNumberId: string, rate: number): TokenBucket {
    let bucket = buckets.get(phoneNumberId);
    if (!bucket) {
      bucket = createTokenBucket(rate, clock);
      buckets.set(phoneNumberId, bucket);
    } else bucket.setRate(rate);
    return bucket;
  }

  async function poll(): Promise<void> {
    const now = clock();
    for (const broadcast of await broadcasts.unfinished()) {
      const key = `${broadcast.workspaceId}:${broadcast.id}`;
      if (stopped || broadcast.startAt > now || running.has(key)) continue;
      const lock = await deps.sessions.tryLock(`broadcast:${key}`, LOCK_TTL_MS);
      if (!lock) continue;
      const run = runLocked(broadcast, lock)
        .catch((error: unknown) =>
          logger.error('a broadcast run failed; it resumes on the next poll', { broadcastId: broadcast.id, error: message(error) }),
        )
        .finally(() => running.delete(key));
      running.set(key, run);
    }
  }

  async function runLocked(broadcast: BroadcastRecord, lock: Lock): Promise<void> {
    let held = true;
    const keeper = setInterval(() => {
      lock.extend(LOCK_TTL_MS).then(
        (ok) => {
          held &&= ok;
        },
        () => {
          held = false;
        },
      );
    }, LOCK_TTL_MS / 3);
    try {
      await run(broadcast, () => held && !stopped);
    } finally {
      clearInterval(keeper);
      await lock.release();
    }
  }

  async function run(initial: BroadcastRecord, mayGoOn: () => boolean): Promise<void> {
    const { workspaceId, id } = initial;
    let broadcast: BroadcastRecord | undefined = initial;
    if (broadcast.status === 'scheduled')
      broadcast = await broadcasts.update(workspaceId, id, { status: 'sending', updatedAt: clock() }, ['scheduled']);
    if (!broadcast) return;
    if (!broadcast.recipientsReady) {
      await recordRecipients(broadcast);
      broadcast = await broadcasts.update(workspaceId, id, { recipientsReady: true, updatedAt: clock() }, ['sending']);
      if (!broadcast) return;
    }
    await resumeUncertain(broadcast);
    const pacing = { throttles: 0 };
    const inFlight = new Set<Promise<void>>();
    const batchSize = Math.max(10, Math.min(100, Math.ceil(broadcast.ratePerSecond / 2)));
    const nextBatch = async (): Promise<Batch | undefined> => {
      const current = await broadcasts.get(workspaceId, id);
      if (!mayGoOn() || current?.status !== 'sending') return undefined;
      const batch = await broadcasts.queued(workspaceId, id, batchSize);
      await broadcasts.claim(
        workspaceId,
        batch.map((r) => r.id),
        clock(),
      );
      // Opt-in, blocking and opt-out are read now, just before the sends.
      return {
        recipients: batch,
        contacts: await deps.audience.byIds(
          workspaceId,
          batch.map((r) => r.contactId),
        ),
      };
    };
    let next = nextBatch();
    for (;;) {
      let batch = await next;
      if (batch?.recipients.length === 0) {
        // Sends still out may put a throttled recipient back in line.
        await Promise.all(inFlight);
        batch = await nextBatch();
        if (batch?.recipients.length === 0) {
          await broadcasts.update(workspaceId, id, { status: 'done', finishedAt: clock(), updatedAt: clock() }, ['sending']);
          logger.info('broadcast done', { broadcastId: id });
          break;
        }
      }
      if (!batch) break;
      // The next batch is read and claimed while this one goes out, so the pace has no gaps.
      next = nextBatch();
      for (const recipient of batch.recipients) {
        const contact = batch.contacts.get(recipient.contactId);
        const why = refusal(contact);
        if (why !== undefined || contact?.channel.kind !== 'whatsapp') {
          await broadcasts.settle(workspaceId, recipient.id, {
            status: 'skipped',
            error: { reason: why ?? 'contact deleted' },
            updatedAt: clock(),
            ...(contact?.name ? { name: contact.name } : {}),
          });
          continue;
        }
        await bucketFor(contact.channel.phoneNumberId, broadcast.ratePerSecond).take();
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const send: Promise<void> = sendOne(broadcast, recipient, contact, pacing)
          .catch((error: unknown) => logger.error('a broadcast send failed', { broadcastId: id, error: message(error) }))
          .finally(() => inFlight.delete(send));
        inFlight.add(send);
      }
    }
    // A batch claimed but not sent (a cancel, a lost lock) goes back in line for whoever resumes it.
    const left = await next.catch(() => undefined);
    for (const recipient of left?.recipients ?? []) await broadcasts.requeue(workspaceId, recipient.id, { updatedAt: clock() });
    await Promise.all(inFlight);
  }

  /** Records every contact of the audience as a queued recipient, a page of writes at a time. */
  async function recordRecipients(broadcast: BroadcastRecord): Promise<void> {
    const { workspaceId, id } = broadcast;
    let seq = 0;
    for await (const page of deps.audience.pages(workspaceId, broadcast.audience)) {
      const from = seq;
      seq += page.length;
      await Promise.all(
        page.map((contact, i) =>
          broadcasts.addRecipient({
            id: recipientId(id, contact.id),
            workspaceId,
            broadcastId: id,
            contactId: contact.id,
            seq: from + i,
            status: 'queued',
            updatedAt: clock(),
          }),
        ),
      );
    }
  }

  /**
   * Sends a crashed run left in flight: those a status webhook confirms stay sent, the rest go back
   * in line. It waits `statusWaitMs`, and longer while statuses of the earlier run still arrive.
   */
  async function resumeUncertain(broadcast: BroadcastRecord): Promise<void> {
    const { workspaceId, id } = broadcast;
    const since = clock();
    let unconfirmed = await broadcasts.inFlight(workspaceId, id);
    while (unconfirmed.length > 0 && clock() < deps.backlog.waitsUntil(since, statusWaitMs)) {
      await sleep(200);
      unconfirmed = await broadcasts.inFlight(workspaceId, id);
    }
    if (unconfirmed.length > 0)
      logger.info('sending again what a stopped run left unconfirmed', { broadcastId: id, count: unconfirmed.length });
    for (const recipient of unconfirmed) await broadcasts.requeue(workspaceId, recipient.id, { updatedAt: clock() });
  }

  async function sendOne(broadcast: BroadcastRecord, recipient: RecipientRecord, contact: ContactRecord, pacing: { throttles: number }) {
    if (contact.channel.kind !== 'whatsapp') return;
    const { workspaceId } = broadcast;
    const name = contact.name;
    const reply = { broadcastId: broadcast.id, recipientId: recipient.id, ...(broadcast.flowId ? { flowId: broadcast.flowId } : {}) };
    await deps.replies.expect(workspaceId, contact.channel.phoneNumberId, contact.address, reply);
    const result = await deps.channel.send(
      { workspaceId, channel: contact.channel, address: contact.address },
      templateFor(broadcast, contact),
      `${CALLBACK_PREFIX}${recipient.id}`,
    );
    const now = clock();
    if (result.status === 'sent') {
      pacing.throttles = 0;
      const sent = { sentAt: now, updatedAt: now, ...(name ? { name } : {}) };
      const id = result.providerMessageId ? { providerMessageId: result.providerMessageId } : {};
      // A status webhook may have been faster: then only the time and name are added.
      if (!(await broadcasts.settle(workspaceId, recipient.id, { status: 'sent', ...sent, ...id })))
        await broadcasts.annotate(workspaceId, recipient.id, sent);
      return;
    }
    const attempts = (recipient.attempts ?? 0) + 1;
    if (result.status === 'failed' && isRetryable(result) && attempts < MAX_ATTEMPTS) {
      if (result.code !== undefined && throttled.has(result.code)) {
        pacing.throttles += 1;
        bucketFor(contact.channel.phoneNumberId, broadcast.ratePerSecond).pause(
          Math.min(MAX_BACKOFF_MS, throttleBackoffMs * 2 ** (pacing.throttles - 1)),
        );
      }
      await broadcasts.requeue(workspaceId, recipient.id, { attempts, updatedAt: now });
      return;
    }
    await deps.replies.forget(workspaceId, contact.channel.phoneNumberId, contact.address, recipient.id);
    const error =
      result.status === 'failed'
        ? { ...(result.code !== undefined ? { code: result.code } : {}), reason: result.reason }
        : { reason: result.reason };
    await broadcasts.settle(workspaceId, recipient.id, {
      status: result.status === 'failed' ? 'failed' : 'skipped',
      error,
      attempts,
      updatedAt: now,
      ...(name ? { name } : {}),
    });
  }

  return {
    start(): void {
      stopped = false;
      const tick = () => {
        polling = poll()
          .catch((error: unknown) => logger.error('looking for due broadcasts failed', { error: message(error) }))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, pollMs);
          });
      };
      tick();
    },
    /** Stops polling and lets the sends in progress finish; their broadcasts resume on the next start. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await polling;
      await Promise.all(running.values());
    },
  };
}

/** The broadcast's template for one recipient: `{{contact.name}}` and the contact's attributes filled in. */
export function templateFor(broadcast: BroadcastRecord, contact: ContactRecord): Extract<OutboundMessage, { kind: 'template' }> {
  const scope = { vars: { ...(contact.attributes ?? {}) }, contact: contactOf(contact) };
  const { name, language, params } = broadcast.template;
  const fill = (param: string) => interpolate(param, scope);
  if (Array.isArray(params)) return { kind: 'template', name, language, params: params.map(fill) };
  return {
    kind: 'template',
    name,
    language,
    params: [],
    namedParams: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, fill(value)])),
  };
}

function isRetryable(result: Extract<SendResult, { status: 'failed' }>): boolean {
  return result.code === undefined || retryable.has(result.code);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

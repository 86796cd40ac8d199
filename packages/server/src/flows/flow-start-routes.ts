import { createHash, randomUUID } from 'node:crypto';
import { HttpError } from '../api/http-error';
import { iso, param, type RouteSpec } from '../api/route-spec';
import type { BusinessNumbers } from '../contacts/business-number';
import { waId } from '../contacts/phone-number';
import { conversationKeys } from '../conversation/conversation-keys';
import type { FlowSource } from '../conversation/flow-source';
import type { ConversationStart, InboundEvent } from '../conversation/inbound-event';
import { parseSessionState } from '../conversation/session-state';
import type { SessionStore } from '../ports/session-store';
import type { Records } from '../records/records';
import { callerOf } from '../security/require-auth';
import { SERVICE_WINDOW_MS } from '../whatsapp/whatsapp-channel';
import type { FlowStartRecord, FlowStartRepository } from './flow-start-repository';

type StartTemplate = NonNullable<ConversationStart['template']>;

export interface FlowStartRouteDeps {
  flows: Pick<FlowSource, 'version'>;
  records: Records;
  sessions: Pick<SessionStore, 'getSession'>;
  numbers: BusinessNumbers;
  starts: FlowStartRepository;
  /** The conversation service's `accept`: the start goes through the queue and turn of every event. */
  accept(events: InboundEvent[]): Promise<void>;
  /** Why a template may not be sent (unknown, not approved, wrong parameter count), from the synced templates. */
  templateProblem(workspaceId: string, template: StartTemplate): Promise<string | undefined>;
  now?: () => number;
}

interface FlowStartInput {
  to: string;
  variables?: Record<string, string | number | boolean>;
  template?: StartTemplate;
  phoneNumberId?: string;
}

/** The answer to a start, kept with it and given again for its key. */
interface StartAnswer {
  id: string;
  flowId: string;
  version: number;
  phoneNumberId: string;
  opensWith: 'flow' | 'template';
  template?: { name: string; language: string };
  createdAt: string;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * `POST /flows/:id/start`: a business's backend starts a flow for a number ("your order
 * shipped"). Exactly once per `Idempotency-Key` (stored, so across restarts too): the start is an
 * event on the conversation's queue, and its messages carry keys derived from the stored start.
 */
export function flowStartRoutes(deps: FlowStartRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  const enqueue = async (record: FlowStartRecord) => {
    await deps.accept([eventOf(record)]);
    await deps.starts.markEnqueued(record.workspaceId, record.id);
  };
  return [
    {
      method: 'post',
      path: '/flows/:id/start',
      tag: 'flows',
      summary: "Start a flow's published version for a number, once per Idempotency-Key header",
      body: ref('FlowStartInput'),
      headers: {
        'Idempotency-Key': {
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          required: true,
          description: 'Your id of this start (e.g. the order and event): a second call with it starts nothing and answers the same',
        },
      },
      responses: {
        202: { description: 'Started: the conversation opens with the flow (inside the window) or the template', schema: ref('FlowStart') },
        200: { description: 'Started before under this Idempotency-Key: the same answer, nothing sent again', schema: ref('FlowStart') },
        404: { description: 'No published version of this flow', schema: ref('Error') },
        409: { description: 'The contact is blocked, opted out or with an agent, or no number to send from', schema: ref('Error') },
        422: {
          description: 'Outside the 24-hour window without a template, a template that cannot be sent, or a key used for another request',
          schema: ref('Error'),
        },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const flowId = param(req, 'id');
        // A flow this workspace has no published version of is a 404 whatever else is wrong with the request.
        const flow = await deps.flows.version(workspaceId, flowId);
        if (!flow) throw new HttpError(404, `flow "${flowId}" has no published version`, { path: 'id' });
        const key = req.get('idempotency-key');
        if (!key || !KEY.test(key)) {
          throw new HttpError(400, 'the Idempotency-Key header is required (1-255 visible ASCII characters)', { path: 'Idempotency-Key' });
        }
        const input = req.body as FlowStartInput;
        const address = waId(input.to);
        if (!address) throw new HttpError(400, `"to" is not a phone number in international form`, { path: 'to' });
        const requestHash = digest([flowId, address, sorted(input.variables), input.template ?? null, input.phoneNumberId ?? null]);
        const replay = async (record: FlowStartRecord) => {
          if (record.requestHash !== requestHash) {
            throw new HttpError(422, 'this Idempotency-Key was used for a different request', { path: 'Idempotency-Key' });
          }
          if (!record.enqueued) await enqueue(record);
          res.status(200).json(record.answer);
        };
        const earlier = await deps.starts.byKey(workspaceId, key);
        if (earlier) return replay(earlier);

        const known = await deps.records.contacts.findByAddress(workspaceId, address);
        const number = await deps.numbers.pick(workspaceId, known, {
          flowId,
          ...(input.phoneNumberId !== undefined ? { requested: input.phoneNumberId } : {}),
        });
        if (number === 'unknown') throw new HttpError(400, 'phoneNumberId is not a number of this workspace', { path: 'phoneNumberId' });
        if (!number) throw new HttpError(409, 'no WhatsApp number to send from: configure a channel or pass phoneNumberId');
        const channel = { kind: 'whatsapp' as const, phoneNumberId: number.phoneNumberId };
        const contact = known.find((c) => c.channelKey === `whatsapp:${number.phoneNumberId}`);
        if (contact?.blocked) throw new HttpError(409, 'the contact is blocked: nothing is sent to them');
        if (contact?.optedOut) throw new HttpError(409, 'the contact opted out: nothing is sent to them until they opt in again');
        const state = parseSessionState(await deps.sessions.getSession(conversationKeys(workspaceId, channel, address).session));
        if (state?.conversation?.status === 'handoff') throw new HttpError(409, 'an agent has the conversation with this contact');

        const at = now();
        const lastInboundAt = Math.max(contact?.lastInboundAt ?? 0, state?.lastInboundAt ?? 0);
        const inside = at - lastInboundAt < SERVICE_WINDOW_MS;
        const template = input.template ?? flow.document.settings?.outsideWindowTemplate;
        if (!inside && !template) {
          throw new HttpError(
            422,
            'the contact is outside the 24-hour window and the flow has no outside-window template: pass "template"',
            {
              path: 'template',
            },
          );
        }
        const problem = input.template ? await deps.templateProblem(workspaceId, input.template) : undefined;
        if (problem) throw new HttpError(422, problem, { path: 'template' });

        const id = randomUUID();
        const answer: StartAnswer = {
          id,
          flowId,
          version: flow.version,
          phoneNumberId: number.phoneNumberId,
          opensWith: inside ? 'flow' : 'template',
          ...(!inside && template ? { template: { name: template.name, language: template.language } } : {}),
          createdAt: iso(at),
        };
        const event: ConversationStart = {
          type: 'conversation.start',
          flowId,
          ...(input.variables ? { vars: input.variables } : {}),
          ...(input.template ? { template: input.template } : {}),
        };
        const claimed = await deps.starts.claim({
          id,
          workspaceId,
          idempotencyKey: key,
          requestHash,
          answer: { ...answer },
          start: { channel, address, event },
          createdAt: at,
        });
        if (!claimed.mine) return replay(claimed.record);
        await enqueue(claimed.record);
        await deps.records.audit.record(workspaceId, 'flow.start', { actor, flowId, startId: id, opensWith: answer.opensWith }, at);
        res.status(202).json(answer);
      },
    },
  ];
}

/** The queue event of a stored start; its id makes the start's messages' idempotency keys. */
function eventOf(record: FlowStartRecord): InboundEvent {
  return {
    id: `start:${record.id}`,
    workspaceId: record.workspaceId,
    channel: record.start.channel,
    address: record.start.address,
    event: record.start.event,
    receivedAt: record.createdAt,
  };
}

function sorted(variables: Record<string, unknown> | undefined): [string, unknown][] {
  return Object.entries(variables ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}

import type { UserMessage } from '@chatflow/engine';
import { limits } from '../whatsapp/cloud-api-payloads';

/** One thing a webhook POST told us, normalised. */
export type WebhookItem =
  | { kind: 'message'; phoneNumberId: string; id: string; from: string; name?: string; timestamp?: number; message: UserMessage }
  | {
      kind: 'status';
      phoneNumberId: string;
      id: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      timestamp?: number;
      errors: { code?: number; title?: string; details?: string }[];
      /** `biz_opaque_callback_data` echoed from the send: the idempotency key the message was sent with. */
      callbackData?: string;
    }
  /** `message_template_status_update`: a template of the account was approved, rejected, paused… */
  | {
      kind: 'template-status';
      phoneNumberId?: undefined;
      wabaId: string;
      templateId?: string;
      name?: string;
      language?: string;
      status: string;
    }
  /** Recorded and not acted on: reactions, system messages, unknown fields, malformed parts. */
  | { kind: 'ignored'; phoneNumberId?: string; reason: string; details: Record<string, unknown> };

type Json = Record<string, unknown>;

const knownValueFields = new Set(['messaging_product', 'metadata', 'contacts', 'messages', 'statuses', 'errors']);
const mediaTypes = ['image', 'document', 'audio', 'video', 'sticker'] as const;
const statuses = new Set(['sent', 'delivered', 'read', 'failed']);

/**
 * Walks every entry, change, message and status of a WhatsApp webhook body (Meta batches them)
 * and normalises what a flow can use; everything else becomes an `ignored` item so it can be
 * recorded. Never throws: a malformed part is ignored, the rest of the batch still counts.
 *
 * @example
 * parseWhatsAppWebhook(JSON.parse(raw)).filter((item) => item.kind === 'message');
 */
export function parseWhatsAppWebhook(body: unknown): WebhookItem[] {
  if (!isJson(body) || body.object !== 'whatsapp_business_account') {
    return [
      { kind: 'ignored', reason: 'not a WhatsApp Business Account webhook', details: { object: isJson(body) ? body.object : typeof body } },
    ];
  }
  const items: WebhookItem[] = [];
  for (const entry of array(body.entry)) {
    for (const change of array(isJson(entry) ? entry.changes : undefined)) {
      if (!isJson(change)) continue;
      if (change.field === 'message_template_status_update') {
        items.push(templateStatus(isJson(entry) ? str(entry.id) : undefined, change.value));
        continue;
      }
      if (change.field !== 'messages') {
        items.push({ kind: 'ignored', reason: 'subscription field not handled', details: { field: change.field } });
        continue;
      }
      items.push(...parseValue(change.value));
    }
  }
  return items;
}

function templateStatus(wabaId: string | undefined, value: unknown): WebhookItem {
  const event = isJson(value) ? str(value.event) : undefined;
  if (!wabaId || !isJson(value) || !event) return { kind: 'ignored', reason: 'template status without an account or event', details: {} };
  const id = value.message_template_id;
  const name = str(value.message_template_name);
  const language = str(value.message_template_language);
  return {
    kind: 'template-status',
    wabaId,
    ...(typeof id === 'string' || typeof id === 'number' ? { templateId: String(id) } : {}),
    ...(name ? { name } : {}),
    ...(language ? { language } : {}),
    status: event,
  };
}

function parseValue(value: unknown): WebhookItem[] {
  if (!isJson(value)) return [{ kind: 'ignored', reason: 'change without a value', details: {} }];
  const metadata = isJson(value.metadata) ? value.metadata : {};
  const phoneNumberId = str(metadata.phone_number_id);
  if (!phoneNumberId) return [{ kind: 'ignored', reason: 'change without metadata.phone_number_id', details: {} }];
  const items: WebhookItem[] = [];
  const ignore = (reason: string, details: Json) => items.push({ kind: 'ignored', phoneNumberId, reason, details });
  const unknown = Object.keys(value).filter((key) => !knownValueFields.has(key));
  if (unknown.length > 0) ignore('unknown fields', { fields: unknown });
  if (value.errors !== undefined) ignore('errors reported by WhatsApp', { errors: value.errors });

  const names = new Map<string, string>();
  for (const contact of array(value.contacts)) {
    if (!isJson(contact)) continue;
    const id = str(contact.wa_id) ?? str(contact.user_id);
    const name = isJson(contact.profile) ? str(contact.profile.name) : undefined;
    if (id && name) names.set(id, name);
  }
  for (const raw of array(value.messages)) {
    if (!isJson(raw)) continue;
    const id = str(raw.id);
    const from = str(raw.from) ?? str(raw.from_user_id);
    const type = str(raw.type) ?? 'unknown';
    if (!id || !from) {
      ignore('message without an id or a sender', { id, type });
      continue;
    }
    const message = userMessage(type, raw);
    if (!message) {
      ignore(`message type "${type}" is not handled`, { id, type, ...(raw.errors ? { errors: raw.errors } : {}) });
      continue;
    }
    const name = names.get(from);
    const timestamp = seconds(raw.timestamp);
    items.push({ kind: 'message', phoneNumberId, id, from, ...(name ? { name } : {}), ...(timestamp ? { timestamp } : {}), message });
  }
  for (const raw of array(value.statuses)) {
    if (!isJson(raw)) continue;
    const id = str(raw.id);
    const status = str(raw.status);
    if (!id || !status || !statuses.has(status)) {
      ignore('status not handled', { id, status });
      continue;
    }
    const timestamp = seconds(raw.timestamp);
    const callbackData = str(raw.biz_opaque_callback_data);
    items.push({
      kind: 'status',
      phoneNumberId,
      id,
      status: status as 'sent' | 'delivered' | 'read' | 'failed',
      ...(timestamp ? { timestamp } : {}),
      errors: array(raw.errors).filter(isJson).map(statusError),
      ...(callbackData && callbackData.length <= limits.callbackData ? { callbackData } : {}),
    });
  }
  return items;
}

/** The user message a WhatsApp message carries, or undefined for types a flow does not handle. */
function userMessage(type: string, raw: Json): UserMessage | undefined {
  if (type === 'contacts') {
    const contacts = array(raw.contacts)
      .filter(isJson)
      .map((c) => ({
        name: (isJson(c.name) ? (str(c.name.formatted_name) ?? str(c.name.first_name)) : undefined) ?? '',
        phones: array(c.phones).flatMap((p) => (isJson(p) && str(p.phone) ? [str(p.phone) as string] : [])),
      }));
    return contacts.length > 0 ? { kind: 'contacts', contacts } : undefined;
  }
  const body = isJson(raw[type]) ? (raw[type] as Json) : undefined;
  if (!body) return undefined;
  switch (type) {
    case 'text':
      return str(body.body) !== undefined ? { kind: 'text', text: str(body.body) as string } : undefined;
    case 'interactive':
      return interactive(body);
    case 'button':
      // A template's quick-reply button: the payload is the id the template was made with.
      return str(body.payload) || str(body.text)
        ? { kind: 'choice', id: (str(body.payload) || str(body.text)) as string, ...(str(body.text) ? { title: str(body.text) } : {}) }
        : undefined;
    case 'location': {
      const latitude = num(body.latitude);
      const longitude = num(body.longitude);
      if (latitude === undefined || longitude === undefined) return undefined;
      return { kind: 'location', latitude, longitude, ...opt('name', str(body.name)), ...opt('address', str(body.address)) };
    }
    case 'order': {
      const items = array(body.product_items)
        .filter(isJson)
        .flatMap((p) => {
          const productId = str(p.product_retailer_id);
          if (!productId) return [];
          return [{ productId, quantity: num(p.quantity) ?? 1, ...opt('price', num(p.item_price)), ...opt('currency', str(p.currency)) }];
        });
      return { kind: 'order', ...opt('catalogId', str(body.catalog_id)), items, ...opt('text', str(body.text)) };
    }
    default:
      if ((mediaTypes as readonly string[]).includes(type)) {
        return {
          kind: 'media',
          mediaType: type as (typeof mediaTypes)[number],
          ...opt('id', str(body.id)),
          ...opt('url', str(body.url)),
          ...opt('mimeType', str(body.mime_type)),
          ...opt('caption', str(body.caption)),
          ...opt('filename', str(body.filename)),
        };
      }
      return undefined;
  }
}

function interactive(body: Json): UserMessage | undefined {
  const reply = isJson(body.button_reply) ? body.button_reply : isJson(body.list_reply) ? body.list_reply : undefined;
  if (reply) {
    const id = str(reply.id);
    return id ? { kind: 'choice', id, ...opt('title', str(reply.title)) } : undefined;
  }
  if (isJson(body.nfm_reply)) {
    // A WhatsApp Flow's answers: `response_json` is a JSON-encoded string; the flow gets it as text.
    const text = str(body.nfm_reply.response_json) ?? str(body.nfm_reply.body);
    return text !== undefined ? { kind: 'text', text } : undefined;
  }
  return undefined;
}

function statusError(error: Json): { code?: number; title?: string; details?: string } {
  const details = isJson(error.error_data) ? str(error.error_data.details) : undefined;
  return { ...opt('code', num(error.code)), ...opt('title', str(error.title) ?? str(error.message)), ...opt('details', details) };
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
/** Unix seconds as Meta sends them (a string, sometimes a number), in epoch ms. */
function seconds(value: unknown): number | undefined {
  const n = num(value);
  return n === undefined ? undefined : n * 1000;
}
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

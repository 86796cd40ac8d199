// WhatsApp webhook bodies and their signing, shared by the server tests, the API tests, the
// business tests and the load generator of the benchmarks, so that every one of them sends
// exactly the envelope Meta sends (reference inbound-text.json and status examples).
import { createHmac } from 'node:crypto';

/** The WhatsApp Business Account id and display number of the reference examples. */
export const WABA_ID = '419561257915477';
export const DISPLAY_PHONE_NUMBER = '15550783881';

/** A webhook body: one entry with one `messages` change, whose value the caller fills in. */
export type WebhookEnvelope = {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { field: 'messages'; value: Record<string, unknown> }[] }[];
};

/** Wraps a change value (`contacts` + `messages`, or `statuses`) for the given business number as Meta does. */
export function webhookEnvelope(phoneNumberId: string, value: Record<string, unknown>): WebhookEnvelope {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: DISPLAY_PHONE_NUMBER, phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export interface InboundWebhookOptions {
  /** The message's `wamid.…`. */
  id: string;
  /** The customer's WhatsApp id. */
  from: string;
  phoneNumberId: string;
  /** The customer's profile name. */
  name?: string;
  /** The typed part of the message, e.g. `{ type: 'text', text: { body } }`. */
  message: Record<string, unknown>;
}

/** A webhook body with one message from a customer, stamped with the current time. */
export function inboundWebhook(options: InboundWebhookOptions): WebhookEnvelope {
  const { id, from, phoneNumberId, name = 'Sheena Nelson', message } = options;
  return webhookEnvelope(phoneNumberId, {
    contacts: [{ profile: { name }, wa_id: from }],
    messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
  });
}

/** The `X-Hub-Signature-256` header Meta sends with a webhook body: HMAC-SHA256 of the raw bytes. */
export function signWebhook(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** POSTs raw webhook bytes to `${baseUrl}/webhooks/whatsapp` with the given signature header (none when null). */
export function postRawWebhook(baseUrl: string, raw: string | Buffer, signature: string | null): Promise<Response> {
  return fetch(`${baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'x-hub-signature-256': signature }) },
    body: typeof raw === 'string' ? raw : new Uint8Array(raw),
  });
}

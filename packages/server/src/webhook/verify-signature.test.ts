import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from './verify-signature';

// The test vector of shared/reference/whatsapp-cloud-api.md §9: inbound-text.raw, byte for byte.
const raw = Buffer.from(
  '{"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}',
);
const secret = '0123456789abcdef0123456789abcdef';
const expected = 'sha256=4f0426c31070ce35181cffa4731bae3adc943c21ffe68db0cc07d8121856b016';

describe('verifySignature', () => {
  it('accepts the reference test vector', () => {
    expect(verifySignature(raw, expected, secret)).toBe(true);
  });

  it('rejects another secret, a changed byte, a missing or malformed header', () => {
    expect(verifySignature(raw, expected, 'another-secret')).toBe(false);
    expect(verifySignature(Buffer.from(raw.toString().replace('color', 'colour')), expected, secret)).toBe(false);
    expect(verifySignature(raw, undefined, secret)).toBe(false);
    expect(verifySignature(raw, expected.slice(7), secret)).toBe(false);
    expect(verifySignature(raw, 'sha256=abc', secret)).toBe(false);
    expect(verifySignature(raw, `sha1=${expected.slice(7)}`, secret)).toBe(false);
  });

  it('hashes the bytes as received: a re-serialised body with escapes differs', () => {
    const escaped = Buffer.from('{"text":"J\\u0027ai mang\\u00e9"}');
    const reparsed = Buffer.from(JSON.stringify(JSON.parse(escaped.toString())));
    const signature = `sha256=${createHmac('sha256', secret).update(escaped).digest('hex')}`;
    expect(verifySignature(escaped, signature, secret)).toBe(true);
    expect(verifySignature(reparsed, signature, secret)).toBe(false);
  });
});

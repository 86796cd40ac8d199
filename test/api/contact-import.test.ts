import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGraphApi, startFakeGraphApi } from '../support/fake-graph-api';
import { startServer, type TestServer } from '../support/start-server';
import { APP_SECRET, type ApiClient, apiClient, eventually, PHONE_NUMBER_ID, postWebhook, whatsappText } from './api-client';

interface Contact {
  id: string;
  name?: string;
  tags: string[];
  attributes?: Record<string, unknown>;
  optedIn: boolean;
  channel: { kind: string; phoneNumberId?: string };
}
interface ImportResult {
  created: number;
  updated: number;
  errors: { row: number; column: string; message: string }[];
}

describe('POST /api/contacts/import', () => {
  let graph: FakeGraphApi;
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    graph = await startFakeGraphApi();
    server = await startServer({
      env: { WHATSAPP_GRAPH_URL: graph.url, WHATSAPP_ACCESS_TOKEN: 'global-access-token-123', WHATSAPP_APP_SECRET: APP_SECRET },
    });
    api = apiClient(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    await graph.close();
  });

  const contactsOf = async (address: string) => (await api.get<Contact[]>(`/api/contacts?address=${address}`)).body;
  const importCsv = (csv: string) => api.post<ImportResult>('/api/contacts/import', { csv });

  it('creates and updates by phone number, reporting bad rows by row and column', async () => {
    // A customer who wrote before: the import updates them rather than adding a second contact.
    await postWebhook(server.url, whatsappText({ from: '4915112345678', text: 'hallo', id: 'wamid.import-1', name: 'Ute' }));
    const [known] = await eventually(async () => ((await contactsOf('4915112345678')).length ? contactsOf('4915112345678') : undefined));

    const csv = [
      '\uFEFFphone,name,tags,opt_in,tier,city',
      '+49 151 12345678,Ute Kraus,vip;de,yes,gold,Berlin',
      '"+1 (555) 010-0001","Lee, Ann",newsletter|us,1,,"New York, NY"',
      'not-a-phone,Nobody,,true,,',
      '15550100002,Sam,,maybe,,',
      '+44 7911 123456,,"uk; vip",no,silver,',
      '',
    ].join('\r\n');
    const answer = await importCsv(csv);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      created: 2,
      updated: 1,
      errors: [
        { row: 4, column: 'phone', message: expect.stringContaining('not a phone number') },
        { row: 5, column: 'opt_in', message: expect.stringContaining('maybe') },
      ],
    });

    const [ute] = await contactsOf('4915112345678');
    expect(ute).toMatchObject({
      id: known!.id,
      name: 'Ute Kraus',
      tags: ['vip', 'de'],
      optedIn: true,
      attributes: { tier: 'gold', city: 'Berlin' },
    });
    const [ann] = await contactsOf('15550100001');
    expect(ann).toMatchObject({ name: 'Lee, Ann', tags: ['newsletter', 'us'], optedIn: true, attributes: { city: 'New York, NY' } });
    // New contacts belong to the number the workspace's customers write to.
    expect(ann?.channel).toEqual({ kind: 'whatsapp', phoneNumberId: PHONE_NUMBER_ID });
    expect((await contactsOf('447911123456'))[0]).toMatchObject({ tags: ['uk', 'vip'], optedIn: false, attributes: { tier: 'silver' } });
    expect(await contactsOf('15550100002')).toEqual([]);

    // Importing again updates: an empty cell changes nothing, attributes merge.
    const second = await importCsv('phone;name;tier\n4915112345678;;platinum\n');
    expect(second.body).toEqual({ created: 0, updated: 1, errors: [] });
    expect((await contactsOf('4915112345678'))[0]).toMatchObject({ name: 'Ute Kraus', attributes: { tier: 'platinum', city: 'Berlin' } });
  });

  it('refuses a bad header naming the column, a broken file and a too-large one, importing nothing', async () => {
    for (const [header, column] of [
      ['name,tags', 'phone'],
      ['phone,name,Name', 'Name'],
      ['phone,first name', 'first name'],
      ['phone,,tier', '#2'],
    ] as const) {
      const refused = await importCsv(`${header}\n15550199999,Zed,x\n`);
      expect(refused.status).toBe(400);
      expect((refused.body as unknown as { error: { message: string } }).error.message).toContain(
        column === '#2' ? 'column 2' : `"${column}"`,
      );
    }
    expect((await importCsv('phone,name\n"15550199999,Zed\n')).status).toBe(400);
    expect(await contactsOf('15550199999')).toEqual([]);

    const big = await importCsv(`phone\n${'15550100003\n'.repeat(100_000)}`);
    expect(big.status).toBe(413);
    expect(big.text).toContain('split');
    expect((await api.post('/api/contacts/import', {})).status).toBe(400);
  });
});

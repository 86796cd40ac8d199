import type { HttpPort, HttpRequest } from '@chatflow/engine';
import { brokenCatalog, exampleCatalog, scriptedAi } from '../fake-ports';
import { flow, type TranscriptCase } from '../flow-builder';

const barista = (data: Record<string, unknown> = {}) =>
  flow(
    'barista',
    {
      barista: [
        'ai',
        {
          systemPrompt: 'You are the barista of Casa Verde Coffee.',
          greeting: 'Hi! What can I get you?',
          tools: ['search_catalog', 'add_to_cart', 'set_variable', 'handoff', 'finish'],
          variables: [{ name: 'brew_method', description: 'How the customer brews' }],
          outcomes: [
            { id: 'checkout', label: 'Checkout' },
            { id: 'answered', label: 'Answered' },
          ],
          errorText: 'Sorry, I am having trouble right now.',
          ...data,
        },
      ],
      pay: ['end', { text: 'Taking you to checkout: {{cart.total}} EUR.', outcome: 'checkout' }],
      bye: ['end', { text: 'Enjoy!', outcome: 'answered' }],
      people: ['end', { text: 'A colleague will take it from here.', outcome: 'handoff' }],
      broken: ['end', { outcome: 'ai-error' }],
      tired: ['end', { text: 'Let me get a colleague.', outcome: 'max-turns' }],
    },
    [
      'barista.checkout -> pay',
      'barista.answered -> bye',
      'barista.handoff -> people',
      'barista.error -> broken',
      ...(data.maxTurns ? ['barista.max_turns -> tired'] : []),
    ],
  );

/** An order tracking API that knows one order. */
function trackingApi(): HttpPort & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    requests,
    async request(request) {
      requests.push(request);
      if (request.url.endsWith('/orders/CV-10234')) return { status: 200, headers: {}, body: { status: 'shipped', eta: '3 December' } };
      return { status: 404, headers: {}, body: { error: 'no such order' } };
    },
  };
}

const tracking = flow(
  'number',
  {
    number: ['question', { text: 'Your order number?', variable: 'order_id' }],
    lookup: [
      'http',
      {
        url: 'https://api.casaverde.example/orders/{{order_id}}',
        headers: [{ name: 'Authorization', value: 'Bearer demo' }],
        responseMapping: [
          { variable: 'order_status', path: 'status' },
          { variable: 'eta', path: 'eta' },
        ],
        statusVariable: 'http_status',
      },
    ],
    found: ['end', { text: 'Order {{order_id}} is {{order_status}}, arriving {{eta}}.' }],
    missing: ['end', { text: 'I could not find order {{order_id}} (error {{http_status}}).', outcome: 'not-found' }],
  },
  ['number.next -> lookup', 'lookup.next -> found', 'lookup.error -> missing'],
);

const shop = flow(
  'shop',
  {
    shop: ['order', { deliveryFields: [{ id: 'address', label: 'Address', prompt: 'Delivery address?' }] }],
    done: ['end', { outcome: 'ordered' }],
    cancelled: ['end', { text: 'Maybe next time!', outcome: 'cancelled' }],
    down: ['end', { outcome: 'catalog-down' }],
  },
  ['shop.confirmed -> done', 'shop.cancelled -> cancelled', 'shop.error -> down'],
);

/** Transcripts of the nodes that call the host's ports: ai, http, order. */
export const integrationNodeCases: TranscriptCase[] = [
  {
    name: 'ai: answers, remembers a variable, searches the catalog, fills the cart and finishes with an outcome',
    flow: barista(),
    options: () => ({
      ports: {
        catalog: exampleCatalog(),
        ai: scriptedAi([
          { text: 'Lovely. How do you brew at home?' },
          {
            tools: [
              ['set_variable', { name: 'brew_method', value: 'V60' }],
              ['search_catalog', { query: 'Ethiopia' }],
            ],
          },
          { text: 'For a V60 I would pick our Ethiopia Yirgacheffe.' },
          {
            text: 'Added to your basket!',
            tools: [['add_to_cart', { productId: 'ethiopia-yirgacheffe', variantId: '250g', quantity: 1 }]],
          },
          { text: 'Anything else?' },
          { tools: [['finish', { outcome: 'checkout' }]] },
        ]),
      },
    }),
    transcript: [
      '< Hi! What can I get you?',
      '> I want something fruity',
      '< Lovely. How do you brew at home?',
      '· ai usage claude-sonnet-4-5 100+20',
      '> With a V60',
      '· brew_method = "V60"',
      '< For a V60 I would pick our Ethiopia Yirgacheffe.',
      '· ai usage claude-sonnet-4-5 200+40',
      '> Great, one bag please',
      '· cart = {"currency":"EUR","lines":[{"productId":"ethiopia-yirgacheffe","name":"Ethiopia Yirgacheffe","variant":"250 g bag","variantId":"250g","quantity":1,"unitPrice":12}],"total":12}',
      '< Added to your basket!\n\nAnything else?',
      '· ai usage claude-sonnet-4-5 200+40',
      '> No, that is all',
      '· ai usage claude-sonnet-4-5 100+20',
      '< Taking you to checkout: 12 EUR.',
      '· end checkout',
    ],
  },
  {
    name: 'ai: asking for a person leaves by "handoff"',
    flow: barista(),
    options: () => ({ ports: { ai: scriptedAi([{ text: 'Of course, one moment.', tools: [['handoff', { note: 'Wants a refund' }]] }]) } }),
    transcript: [
      '< Hi! What can I get you?',
      '> I want to talk to a person',
      '< Of course, one moment.',
      '· ai usage claude-sonnet-4-5 100+20',
      '< A colleague will take it from here.',
      '· end handoff',
    ],
  },
  {
    name: 'ai: when the model fails, the error text and the "error" exit',
    flow: barista(),
    options: () => ({ ports: { ai: { respond: () => Promise.reject(new Error('overloaded')) } } }),
    transcript: ['< Hi! What can I get you?', '> hello', '< Sorry, I am having trouble right now.', '· end ai-error'],
  },
  {
    name: 'ai: after the most turns it leaves by "max_turns"',
    flow: barista({ maxTurns: 2 }),
    options: () => ({ ports: { ai: scriptedAi([{ text: 'Hmm?' }, { text: 'Could you say more?' }]) } }),
    transcript: [
      '< Hi! What can I get you?',
      '> hm',
      '< Hmm?',
      '· ai usage claude-sonnet-4-5 100+20',
      '> hmm',
      '< Could you say more?',
      '· ai usage claude-sonnet-4-5 100+20',
      '< Let me get a colleague.',
      '· end max-turns',
    ],
  },
  {
    name: 'http: the answer is saved in variables on success, the status on error',
    flow: tracking,
    options: () => ({ ports: { http: trackingApi() } }),
    transcript: [
      '< Your order number?',
      '> CV-10234',
      '· order_id = "CV-10234"',
      '· order_status = "shipped"',
      '· eta = "3 December"',
      '· http_status = 200',
      '< Order CV-10234 is shipped, arriving 3 December.',
      '· end',
    ],
  },
  {
    name: 'http: a 404 leaves by "error"',
    flow: tracking,
    options: () => ({ ports: { http: trackingApi() } }),
    transcript: [
      '< Your order number?',
      '> CV-99999',
      '· order_id = "CV-99999"',
      '· http_status = 404',
      '· lookup failed: the service answered with status 404',
      '< I could not find order CV-99999 (error 404).',
      '· end not-found',
    ],
  },
  {
    name: 'order: search by typing, pick a product, a wrong quantity asked again, checkout and confirm',
    flow: shop,
    options: () => ({ ports: { catalog: exampleCatalog() } }),
    transcript: [
      '< What would you like to order? Choose a category, or type what you are looking for. [Coffee beans | Brewing gear | Merch]',
      '> filters',
      '< Choose a product, or type to search. [V60 paper filters]',
      '> 1',
      '< V60 paper filters: €5.50\nHow many would you like? [1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10]',
      '> lots',
      '< Please send a whole number, like 2.',
      '< V60 paper filters: €5.50\nHow many would you like? [1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10]',
      '> 3',
      '· cart = {"currency":"EUR","lines":[{"productId":"paper-filters","name":"V60 paper filters","quantity":3,"unitPrice":5.5}],"total":16.5}',
      '< Your cart:\n3 × V60 paper filters: €16.50\nTotal: €16.50 [Add more | Checkout | Cancel]',
      '> Checkout',
      '< Delivery address?',
      '> Rua do Ouro 10, Lisboa',
      '< Please confirm your order:\n3 × V60 paper filters: €16.50\nTotal: €16.50\n\nAddress: Rua do Ouro 10, Lisboa [Confirm | Cancel]',
      '> Confirm',
      '· order = {"total":16.5,"currency":"EUR","lines":[{"productId":"paper-filters","name":"V60 paper filters","quantity":3,"unitPrice":5.5}]}',
      '· cart = null',
      '< Thank you! We received your order.',
      '· order 3 × V60 paper filters @ 5.5; total 16.5 EUR; deliver to {"address":"Rua do Ouro 10, Lisboa"}',
      '· end ordered',
    ],
  },
  {
    name: 'order: a cart sent from the WhatsApp catalog goes straight to the cart; a cancel word ends it',
    flow: shop,
    options: () => ({ ports: { catalog: exampleCatalog() } }),
    transcript: [
      '< What would you like to order? Choose a category, or type what you are looking for. [Coffee beans | Brewing gear | Merch]',
      '> /send {"kind":"order","items":[{"productId":"tote-bag","quantity":2},{"productId":"french-press","quantity":1}]}',
      '· cart = {"currency":"EUR","lines":[{"productId":"tote-bag","name":"Casa Verde tote bag","quantity":2,"unitPrice":12}],"total":24}',
      '< Sorry, that product is not available right now. (French press 600 ml)',
      '< Your cart:\n2 × Casa Verde tote bag: €24.00\nTotal: €24.00 [Add more | Checkout | Cancel]',
      '> cancel',
      '· cart = null',
      '< Your order was cancelled.',
      '< Maybe next time!',
      '· end cancelled',
    ],
  },
  {
    name: 'order: when the catalog is down, the error text and the "error" exit',
    flow: shop,
    options: () => ({ ports: { catalog: brokenCatalog } }),
    transcript: ['< Sorry, our catalog is not available right now. Please try again later.', '· end catalog-down'],
  },
];

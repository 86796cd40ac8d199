import { readdirSync } from 'node:fs';
import { defaultRegistry, formatProblem, validateFlow } from '@chatflow/engine';
import { describe, expect, it } from 'vitest';
import { exampleCatalog, readExample, scriptedAi } from './fake-ports';
import { playTranscript } from './transcript';

const examples = readdirSync(new URL('../../examples/flows/', import.meta.url)).filter((name) => name.endsWith('.json'));
/** Monday 1 December 2025 at 10:00, and Sunday 30 November at 10:00, in Lisbon. */
const MONDAY_10AM = Date.parse('2025-12-01T10:00:00Z');
const SUNDAY_10AM = Date.parse('2025-11-30T10:00:00Z');

describe('example flows', () => {
  it('include the four a newcomer starts from', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['welcome-menu.json', 'department-routing.json', 'ai-assistant.json', 'order-capture.json']),
    );
  });

  it.each(examples)('%s is valid, without a single warning', (name) => {
    const { problems } = validateFlow(readExample(`flows/${name}`), defaultRegistry);
    expect(problems.map(formatProblem)).toEqual([]);
  });
});

describe('welcome-menu.json', () => {
  const flow = readExample('flows/welcome-menu.json');

  it('answers a question, offers the menu again, and says goodbye', async () => {
    const transcript = [
      '< Hi Ana! 👋 Welcome to Casa Verde Coffee.',
      '< What can we do for you today? [Opening hours | Where to find us | Our coffees]',
      '> opening hours',
      "< We're open Monday to Friday 7:00–19:00, and weekends 8:00–17:00. ☕",
      '< Is there anything else I can help with? [Back to the menu | No, thanks]',
      '> 1',
      '< What can we do for you today? [Opening hours | Where to find us | Our coffees]',
      '> /choice location',
      "< You'll find us at Rua das Flores 28, Lisbon, two minutes from Baixa-Chiado metro.",
      '< Is there anything else I can help with? [Back to the menu | No, thanks]',
      '> no, thanks',
      '< Thanks for stopping by! Write to us anytime. 💚',
      '· end answered',
    ];
    expect((await playTranscript(flow, transcript)).lines).toEqual(transcript);
  });

  it('gives up kindly after three answers it does not understand', async () => {
    const menu = '< What can we do for you today? [Opening hours | Where to find us | Our coffees]';
    const retry = "< Sorry, I didn't get that. Tap one of the buttons, or reply 1, 2 or 3.";
    const transcript = [
      '< Hi Ana! 👋 Welcome to Casa Verde Coffee.',
      menu,
      '> do you sell cake?',
      retry,
      menu,
      '> cake??',
      retry,
      menu,
      '> 7',
      `< I'm still learning, sorry! You can call us on +351 21 000 0000, or write "hi" to start again.`,
      '· end not-understood',
    ];
    expect((await playTranscript(flow, transcript)).lines).toEqual(transcript);
  });
});

describe('department-routing.json', () => {
  const flow = readExample('flows/department-routing.json');
  const start = [
    "< Hi Ana! You've reached Casa Verde Coffee. 🌿",
    '< Who would you like to talk to? [Wholesale & events | Help with an order | Nothing, thanks]',
  ];

  it('during business hours hands a support question to an agent with the order number, and returns to the menu after', async () => {
    const transcript = [
      ...start,
      '> 2',
      "< Sure! What's your order number? You'll find it in your confirmation email (e.g. CV-10234).",
      '> CV-10234',
      '· order_number = "CV-10234"',
      '< Thanks! Connecting you with our support team now.',
      '· handoff support: Needs help with order CV-10234',
      '· timer 15 min',
      '> my beans never arrived',
      '> /assign',
      '> /release',
      '· timer cancelled',
      '< Thanks for chatting with our team! Is there anything else?',
      start[1] as string,
      '> nothing, thanks',
      '< Thanks for stopping by! 💚',
      '· end resolved',
    ];
    expect((await playTranscript(flow, transcript, { now: MONDAY_10AM })).lines).toEqual(transcript);
  });

  it('outside business hours takes a message instead, and insists kindly on a real email', async () => {
    const transcript = [
      ...start,
      '> /choice sales',
      '< Our wholesale team works Monday to Friday, 9:00 to 18:00 (Lisbon time).',
      '< Leave us your email address and a colleague will get back to you within one working day.',
      '> ana at gmail',
      '< Please enter a valid email address.',
      '> ana@gmail.com',
      '· email = "ana@gmail.com"',
      "< Got it! We'll write to ana@gmail.com soon. Have a lovely day. ☕",
      '· end message-left',
    ];
    expect((await playTranscript(flow, transcript, { now: SUNDAY_10AM })).lines).toEqual(transcript);
  });

  it('takes a message when no agent picks the conversation up in time', async () => {
    const transcript = [
      ...start,
      '> 1',
      "< Great, I'm passing you to our wholesale team. Someone will be with you in a moment.",
      '· handoff sales: Wholesale or events enquiry from Ana',
      '· timer 15 min',
      '> /timeout',
      '< Leave us your email address and a colleague will get back to you within one working day.',
      '> no',
      '< Please enter a valid email address.',
      '> no!',
      '< No worries. You can also email us at hello@casaverde.example or call +351 21 000 0000.',
      '· end no-contact',
    ];
    expect((await playTranscript(flow, transcript, { now: MONDAY_10AM })).lines).toEqual(transcript);
  });
});

describe('ai-assistant.json', () => {
  it('recommends from the catalog, fills the basket, and hands over to checkout', async () => {
    const ai = scriptedAi([
      { tools: [['search_catalog', { query: 'decaf' }]] },
      { text: 'Yes! Our Peru Decaf: cocoa and brown sugar, €10 a bag. Shall I add one?' },
      { text: 'Done, two bags in your basket.', tools: [['add_to_cart', { productId: 'peru-decaf', quantity: 2 }]] },
      { text: 'Anything else?' },
      { tools: [['finish', { outcome: 'checkout' }]] },
    ]);
    const transcript = [
      "< Hi Ana! 👋 I'm the Casa Verde assistant.",
      '< Ask me anything about our coffees, brewing at home, or an order. I can also put together a basket for you.',
      '> Do you have decaf?',
      '< Yes! Our Peru Decaf: cocoa and brown sugar, €10 a bag. Shall I add one?',
      '· ai usage claude-sonnet-4-5 200+40',
      '> Two please',
      '· cart = {"currency":"EUR","lines":[{"productId":"peru-decaf","name":"Peru Decaf","quantity":2,"unitPrice":10}],"total":20}',
      '< Done, two bags in your basket.\n\nAnything else?',
      '· ai usage claude-sonnet-4-5 200+40',
      "> That's all, I'd like to pay",
      '· ai usage claude-sonnet-4-5 100+20',
      "< Here's your basket:\n2 × Peru Decaf: €20.00\nTotal: €20.00 [Add more | Checkout | Cancel]",
      '> Checkout',
      '< Whose name should go on the parcel?',
      '> Ana Silva',
      '< Where should we deliver? Street, number, postcode and city, or send your location.',
      '> Rua do Ouro 10, 1100-060 Lisboa',
      '< Please check your order:\n2 × Peru Decaf: €20.00\nTotal: €20.00\n\nName: Ana Silva\nAddress: Rua do Ouro 10, 1100-060 Lisboa [Confirm | Cancel]',
      '> Confirm',
      '· order = {"total":20,"currency":"EUR","lines":[{"productId":"peru-decaf","name":"Peru Decaf","quantity":2,"unitPrice":10}]}',
      '· cart = null',
      "< Order received! 🎉 We'll roast it fresh and ship within 2 working days.",
      '· order 2 × Peru Decaf @ 10; total 20 EUR; deliver to {"name":"Ana Silva","address":"Rua do Ouro 10, 1100-060 Lisboa"}',
      '< Thank you for your order! Enjoy your coffee. ☕',
      '· end ordered',
    ];
    const run = await playTranscript(readExample('flows/ai-assistant.json'), transcript, { ports: { ai, catalog: exampleCatalog() } });
    expect(run.lines).toEqual(transcript);
    expect(ai.requests[0]?.tools.map((t) => t.name)).toEqual(['search_catalog', 'add_to_cart', 'set_variable', 'handoff', 'finish']);
    expect(ai.requests[0]?.system).toContain('Casa Verde Coffee');
  });

  it('brings in a colleague when asked, and the assistant takes over again after', async () => {
    const ai = scriptedAi([
      { text: 'Of course!', tools: [['handoff', { note: 'Parcel damaged' }]] },
      { text: 'Welcome back! Anything else?' },
    ]);
    const transcript = [
      "< Hi Ana! 👋 I'm the Casa Verde assistant.",
      '< Ask me anything about our coffees, brewing at home, or an order. I can also put together a basket for you.',
      '> My parcel arrived damaged, can I talk to someone?',
      '< Of course!',
      '· ai usage claude-sonnet-4-5 100+20',
      "< I'm bringing in one of my colleagues. They'll be with you shortly!",
      '· handoff support: Came from the AI assistant; the conversation so far is above.',
      '· timer 20 min',
      '> /assign',
      '> /release',
      '· timer cancelled',
      '< Ask me anything about our coffees, brewing at home, or an order. I can also put together a basket for you.',
      '> thanks!',
      '< Welcome back! Anything else?',
      '· ai usage claude-sonnet-4-5 100+20',
    ];
    const run = await playTranscript(readExample('flows/ai-assistant.json'), transcript, { ports: { ai }, now: MONDAY_10AM });
    expect(run.lines).toEqual(transcript);
  });
});

describe('order-capture.json', () => {
  it('takes an order with a variant, a quantity and delivery details, skipping the optional note', async () => {
    const transcript = [
      '< Hi Ana! ☕ Let\'s get your order started. You can type "cancel" at any time.',
      '< What are you in the mood for? Pick a category, or just type what you\'re looking for (e.g. "decaf"). [Coffee beans | Brewing gear | Merch]',
      '> Merch',
      "< Here's what we have. Tap one to add it, or type to search. [Casa Verde tote bag | Casa Verde T-shirt]",
      '> 2',
      '< Casa Verde T-shirt\nWhich size would you like? [Small | Medium | Extra large]',
      '> medium',
      '< Casa Verde T-shirt (Medium): €22.00\nHow many? [1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10]',
      '> 1',
      '· cart = {"currency":"EUR","lines":[{"productId":"t-shirt","name":"Casa Verde T-shirt","variant":"Medium","variantId":"m","quantity":1,"unitPrice":22}],"total":22}',
      '< Your basket:\n1 × Casa Verde T-shirt (Medium): €22.00\nTotal: €22.00 [Add more | Checkout | Cancel]',
      '> checkout',
      '< Whose name should go on the parcel?',
      '> Ana Silva',
      '< Where should we deliver? Street, number, postcode and city, or send your location.',
      '> /send {"kind":"location","latitude":38.7107,"longitude":-9.1399,"address":"Rua das Flores 28, Lisboa"}',
      '< Any notes for the courier? (e.g. ring twice) [Skip]',
      '> Skip',
      "< Here's your order. Shall we send it?\n1 × Casa Verde T-shirt (Medium): €22.00\nTotal: €22.00\n\nName: Ana Silva\nAddress: Rua das Flores 28, Lisboa [Confirm | Cancel]",
      '> Confirm',
      '· order = {"total":22,"currency":"EUR","lines":[{"productId":"t-shirt","name":"Casa Verde T-shirt","variant":"Medium","variantId":"m","quantity":1,"unitPrice":22}]}',
      '· cart = null',
      '< Order received! 🎉 We roast on Mondays and Thursdays and ship the same day.',
      '· order 1 × Casa Verde T-shirt (Medium) @ 22; total 22 EUR; deliver to {"name":"Ana Silva","address":"Rua das Flores 28, Lisboa"}',
      "< Thanks for ordering from Casa Verde! We'll message you when it ships. 💚",
      '· end ordered',
    ];
    const run = await playTranscript(readExample('flows/order-capture.json'), transcript, { ports: { catalog: exampleCatalog() } });
    expect(run.lines).toEqual(transcript);
  });
});

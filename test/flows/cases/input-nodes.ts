import { flow, type TranscriptCase } from '../flow-builder';

/** Transcripts of the nodes that talk and listen: message, question, menu, wait, end. */
export const inputNodeCases: TranscriptCase[] = [
  {
    name: 'message: text with variables, then media, then on to the next node',
    flow: flow(
      'hello',
      {
        hello: [
          'message',
          {
            text: 'Hi {{contact.name}}! Your table is {{table}}.',
            messages: [
              { type: 'image', url: 'https://cdn.casaverde.example/menu.jpg', caption: "Today's menu" },
              { type: 'text', text: 'Enjoy!' },
            ],
          },
        ],
        bye: ['end', { outcome: 'greeted' }],
      },
      ['hello.next -> bye'],
      { variables: [{ name: 'table', type: 'number', default: 7 }] },
    ),
    transcript: [
      '< Hi Ana! Your table is 7.',
      "< <image https://cdn.casaverde.example/menu.jpg> Today's menu",
      '< Enjoy!',
      '· end greeted',
    ],
  },
  {
    name: 'question: an invalid email is asked again, a valid one is saved and used',
    flow: flow(
      'email',
      {
        email: ['question', { text: 'What is your email?', variable: 'email', answerType: 'email' }],
        thanks: ['end', { text: 'Thanks, we will write to {{email}}.' }],
      },
      ['email.next -> thanks'],
    ),
    transcript: [
      '< What is your email?',
      '> ana at example',
      '< Please enter a valid email address.',
      '> Ana@Example.com',
      '· email = "ana@example.com"',
      '< Thanks, we will write to ana@example.com.',
      '· end',
    ],
  },
  {
    name: 'question: after its retries a wrong number leaves by "invalid"',
    flow: flow(
      'guests',
      {
        guests: [
          'question',
          { text: 'For how many people?', variable: 'guests', answerType: 'number', min: 1, max: 8, integer: true, maxRetries: 1 },
        ],
        ok: ['end', { text: 'A table for {{guests}}.' }],
        call: ['end', { text: 'For big groups, please call us.', outcome: 'big-group' }],
      },
      ['guests.next -> ok', 'guests.invalid -> call'],
    ),
    transcript: [
      '< For how many people?',
      '> twelve',
      '< Please enter a whole number between 1 and 8.',
      '> 12',
      '< For big groups, please call us.',
      '· end big-group',
    ],
  },
  {
    name: 'question: no answer in time leaves by "timeout" when the timer fires',
    flow: flow(
      'name',
      {
        name: ['question', { text: 'Your name, please?', variable: 'name', timeoutMinutes: 30 }],
        nudge: ['end', { text: 'No rush, write to us any time.', outcome: 'no-answer' }],
      },
      ['name.timeout -> nudge'],
    ),
    transcript: ['< Your name, please?', '· timer 30 min', '> /timeout', '< No rush, write to us any time.', '· end no-answer'],
  },
  {
    name: 'question: a choice by tapping a button, and a location sent from the phone',
    flow: flow(
      'size',
      {
        size: ['question', { text: 'Which size?', variable: 'size', answerType: 'choice', choices: ['Small', 'Large'] }],
        where: ['question', { text: 'Where do we deliver?', variable: 'place', answerType: 'location' }],
        done: ['end', { text: 'A {{size}} coffee to {{place.name}}.' }],
      },
      ['size.next -> where', 'where.next -> done'],
    ),
    transcript: [
      '< Which size? [Small | Large]',
      '> /choice Large',
      '· size = "Large"',
      '< Where do we deliver?',
      '> /send {"kind":"location","latitude":38.71,"longitude":-9.14,"name":"Praça do Comércio"}',
      '· place = {"latitude":38.71,"longitude":-9.14,"name":"Praça do Comércio"}',
      '< A Large coffee to Praça do Comércio.',
      '· end',
    ],
  },
  {
    name: 'menu: a number, a label typed without accents, a wrong answer asked again, then "invalid"',
    flow: flow(
      'menu',
      {
        menu: [
          'menu',
          {
            text: 'What would you like?',
            options: [
              { id: 'cafe', label: 'Café' },
              { id: 'cha', label: 'Chá' },
            ],
            variable: 'drink',
            maxRetries: 1,
          },
        ],
        cafe: ['message', { text: 'One {{drink}} coming up.' }],
        cha: ['message', { text: 'One {{drink}}, steeping now.' }],
        lost: ['end', { text: 'Let me get a person to help.', outcome: 'confused' }],
      },
      ['menu.cafe -> cafe', 'menu.cha -> cha', 'cafe.next -> menu', 'cha.next -> menu', 'menu.invalid -> lost'],
    ),
    transcript: [
      '< What would you like? [Café | Chá]',
      '> 2',
      '· drink = "Chá"',
      '< One Chá, steeping now.',
      '< What would you like? [Café | Chá]',
      '> CAFE',
      '· drink = "Café"',
      '< One Café coming up.',
      '< What would you like? [Café | Chá]',
      '> a croissant',
      '< Please choose one of the options.',
      '< What would you like? [Café | Chá]',
      '> a croissant!',
      '< Let me get a person to help.',
      '· end confused',
    ],
  },
  {
    name: 'menu: the timeout exit fires on the timer, and answering cancels the timer',
    flow: flow(
      'menu',
      {
        menu: ['menu', { text: 'Still there?', options: [{ id: 'yes', label: 'Yes' }], timeoutMinutes: 10 }],
        again: ['menu', { text: 'Shall we continue?', options: [{ id: 'yes', label: 'Yes' }], timeoutMinutes: 10 }],
        bye: ['end', { text: 'Talk soon!', outcome: 'timed-out' }],
        go: ['end', { text: 'Great.' }],
      },
      ['menu.yes -> again', 'menu.timeout -> bye', 'again.yes -> go', 'again.timeout -> bye'],
    ),
    transcript: [
      '< Still there? [Yes]',
      '· timer 10 min',
      '> yes',
      '· timer cancelled',
      '< Shall we continue? [Yes]',
      '· timer 10 min',
      '> /timeout',
      '< Talk soon!',
      '· end timed-out',
    ],
  },
  {
    name: 'wait: a delay ignores messages and continues when its timer fires',
    flow: flow(
      'thanks',
      {
        thanks: ['message', { text: 'Thanks for your order!' }],
        pause: ['wait', { duration: 2, unit: 'hours' }],
        review: ['end', { text: 'How was your coffee? Reply with a rating from 1 to 5.' }],
      },
      ['thanks.next -> pause', 'pause.next -> review'],
    ),
    transcript: [
      '< Thanks for your order!',
      '· timer 120 min',
      '> where is my order?',
      '> /timeout',
      '< How was your coffee? Reply with a rating from 1 to 5.',
      '· end',
    ],
  },
  {
    name: 'wait: waiting for a reply saves it, or leaves by "timeout"',
    flow: flow(
      'ask',
      {
        ask: ['message', { text: 'Would you like a reminder tomorrow?' }],
        reply: ['wait', { mode: 'reply', duration: 1, unit: 'days', variable: 'answer' }],
        noted: ['message', { text: 'Noted: "{{answer}}".' }],
        again: ['wait', { mode: 'reply', duration: 1, unit: 'days' }],
        silent: ['end', { text: 'We will not bother you again.', outcome: 'silent' }],
      },
      ['ask.next -> reply', 'reply.replied -> noted', 'noted.next -> again', 'again.timeout -> silent'],
    ),
    transcript: [
      '< Would you like a reminder tomorrow?',
      '· timer 1440 min',
      '> yes please',
      '· timer cancelled',
      '· answer = "yes please"',
      '< Noted: "yes please".',
      '· timer 1440 min',
      '> /timeout',
      '< We will not bother you again.',
      '· end silent',
    ],
  },
];

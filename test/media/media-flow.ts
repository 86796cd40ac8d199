import type { FlowDocument } from '@chatflow/engine';

const at = { x: 0, y: 0 };

/** Asks for a voice note and sends it straight back (by media id), then asks again. */
export const voiceEchoFlow: FlowDocument = {
  schemaVersion: 1,
  id: 'voice-echo',
  name: 'Voice echo',
  start: 'ask',
  variables: [{ name: 'voice', type: 'object' }],
  nodes: [
    {
      id: 'ask',
      type: 'question',
      version: 1,
      position: at,
      data: { text: 'Send me a voice note', variable: 'voice', answerType: 'media', mediaTypes: ['audio'], maxRetries: 5 },
    },
    {
      id: 'echo',
      type: 'message',
      version: 1,
      position: at,
      data: { text: 'Here it is back', messages: [{ type: 'audio', media: '{{voice}}' }] },
    },
  ],
  edges: [
    { id: 'e1', source: 'ask', sourceHandle: 'next', target: 'echo' },
    { id: 'e2', source: 'echo', sourceHandle: 'next', target: 'ask' },
  ],
};

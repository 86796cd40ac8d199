import { flowSchema } from '@chatflow/engine';
import type { JsonSchema } from '../../schema-form/json-schema';

const settings: JsonSchema = flowSchema.properties.settings;
const variables: JsonSchema = flowSchema.properties.variables;

/**
 * The flow's own fields as a form, from the flow schema, with the titles and help an admin needs
 * (the schema itself is terse because it also serves the API and the CLI).
 */
export const flowSettingsSchema: JsonSchema = {
  type: 'object',
  properties: {
    description: { type: 'string', title: 'Description', description: 'What this flow is for, for your team', 'x-widget': 'textarea' },
    variables: {
      ...variables,
      title: 'Variables',
      description: 'Declare the variables the flow uses, with a type and a starting value. Use them in texts as {{name}}.',
      items: {
        ...variables.items,
        properties: {
          name: { ...variables.items?.properties?.name, title: 'Name', description: 'Letters, digits and _; no spaces' },
          type: { ...variables.items?.properties?.type, title: 'Type' },
          default: { title: 'Starting value' },
          description: { type: 'string', title: 'Description' },
        },
      },
    },
    settings: {
      ...settings,
      title: 'Conversation settings',
      properties: {
        sessionTimeoutMinutes: {
          ...settings.properties?.sessionTimeoutMinutes,
          title: 'Forget a conversation after (minutes)',
          description: 'A customer who writes after this much silence starts over. 1440 is one day.',
        },
        optOutKeywords: {
          ...settings.properties?.optOutKeywords,
          title: 'Opt-out keywords',
          description: 'A customer who sends one of these gets no more messages (e.g. STOP)',
        },
        optInKeywords: {
          ...settings.properties?.optInKeywords,
          title: 'Opt-in keywords',
          description: 'Sending one of these after opting out starts messages again (e.g. START)',
        },
        outsideWindowTemplate: {
          ...settings.properties?.outsideWindowTemplate,
          title: 'Template outside the 24-hour window',
          description: 'WhatsApp only allows approved templates once 24 hours have passed since the customer last wrote',
        },
      },
    },
  },
};

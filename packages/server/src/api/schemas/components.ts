import { broadcastSchemas } from '../../broadcasts/broadcast-schemas';
import { contactSchemas } from '../../contacts/contact-schemas';
import { templateSchemas } from '../../templates/template-schemas';
import type { JsonSchema } from '../schema-checker';
import { flowSchemas } from './flow-schemas';
import { messageSchemas } from './message-schemas';
import { recordSchemas } from './record-schemas';

/** Every schema the API validates with and documents, by component name. */
export const apiComponents: Record<string, JsonSchema> = {
  ...flowSchemas,
  ...messageSchemas,
  ...recordSchemas,
  ...templateSchemas,
  ...contactSchemas,
  ...broadcastSchemas,
};

import { HttpError } from '../api/http-error';
import type { RouteSpec } from '../api/route-spec';
import type { Records } from '../records/records';
import { callerOf } from '../security/require-auth';
import type { BusinessNumbers } from './business-number';
import { ImportRefusal, importContacts, MAX_IMPORT_ROWS } from './contact-import';

/** A CSV larger than this is refused (413): about 20,000 rows of a few columns. */
export const MAX_IMPORT_CHARS = 1_000_000;

export interface ContactImportRouteDeps {
  records: Records;
  numbers: BusinessNumbers;
  now?: () => number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** `POST /contacts/import`: contacts from a CSV, upserted by phone number. */
export function contactImportRoutes(deps: ContactImportRouteDeps): RouteSpec[] {
  const now = deps.now ?? Date.now;
  return [
    {
      method: 'post',
      path: '/contacts/import',
      tag: 'contacts',
      summary: 'Import contacts from CSV (phone,name,tags,opt_in and attribute columns), upserted by phone number',
      body: ref('ContactImportInput'),
      responses: {
        200: { description: 'How many were created and updated, and what was wrong with which rows', schema: ref('ContactImportResult') },
        413: {
          description: `The CSV is over ${MAX_IMPORT_CHARS.toLocaleString('en')} characters or ${MAX_IMPORT_ROWS} rows`,
          schema: ref('Error'),
        },
      },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const { csv, phoneNumberId } = req.body as { csv: string; phoneNumberId?: string };
        if (csv.length > MAX_IMPORT_CHARS) {
          throw new HttpError(413, `the CSV is over ${MAX_IMPORT_CHARS.toLocaleString('en')} characters: split it into several imports`);
        }
        const number = await deps.numbers.pick(workspaceId, [], phoneNumberId !== undefined ? { requested: phoneNumberId } : {});
        if (number === 'unknown') throw new HttpError(400, 'phoneNumberId is not a number of this workspace', { path: 'phoneNumberId' });
        const channel = number ? { kind: 'whatsapp' as const, phoneNumberId: number.phoneNumberId } : undefined;
        try {
          const result = await importContacts(deps.records.contacts, workspaceId, csv, channel, now);
          const { created, updated } = result;
          await deps.records.audit.record(workspaceId, 'contacts.import', { actor, created, updated, errors: result.errors.length }, now());
          res.json(result);
        } catch (error) {
          if (!(error instanceof ImportRefusal)) throw error;
          throw new HttpError(error.tooLarge ? 413 : 400, error.message, { path: error.column ? `csv.${error.column}` : 'csv' });
        }
      },
    },
  ];
}

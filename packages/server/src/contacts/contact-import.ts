import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { ChannelRef } from '../conversation/inbound-event';
import type { ContactAttributes, ContactCorrection, ContactRepository } from '../records/contact-repository';
import { waId } from './phone-number';

/** What went wrong with one cell; `row` as a spreadsheet shows it (the header is row 1). */
export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportError[];
}

/** A CSV that cannot be imported at all: nothing of it was. */
export class ImportRefusal extends Error {
  override name = 'ImportRefusal';
  constructor(
    message: string,
    /** The column of the header at fault. */
    readonly column?: string,
    /** The file is too large rather than wrong. */
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

export const MAX_IMPORT_ROWS = 10_000;
const KNOWN = ['phone', 'name', 'tags', 'opt_in'] as const;
const ATTRIBUTE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_ATTRIBUTES = 50;
const YES = new Set(['true', 'yes', '1', 'y']);
const NO = new Set(['false', 'no', '0', 'n']);

interface Columns {
  index: Partial<Record<(typeof KNOWN)[number], number>>;
  attributes: { name: string; at: number }[];
}

/**
 * Reads a header row: `phone` (required), `name`, `tags`, `opt_in`, and any other column as an
 * attribute of that name. Refuses an empty, repeated or unusable column name, naming it.
 */
function readHeader(header: string[]): Columns {
  const index: Columns['index'] = {};
  const attributes: Columns['attributes'] = [];
  const seen = new Set<string>();
  for (const [at, raw] of header.entries()) {
    const name = raw.trim();
    const known = KNOWN.find((k) => k === name.toLowerCase());
    const key = known ?? name;
    if (!name) throw new ImportRefusal(`column ${at + 1} of the header has no name`, `#${at + 1}`);
    if (seen.has(key)) throw new ImportRefusal(`column "${name}" appears twice in the header`, name);
    seen.add(key);
    if (known) index[known] = at;
    else if (!ATTRIBUTE.test(name)) {
      throw new ImportRefusal(`column "${name}" cannot be an attribute name (letters, digits and _, not starting with a digit)`, name);
    } else attributes.push({ name, at });
  }
  if (index.phone === undefined) throw new ImportRefusal('the header has no "phone" column', 'phone');
  if (attributes.length > MAX_ATTRIBUTES)
    throw new ImportRefusal(`at most ${MAX_ATTRIBUTES} attribute columns`, attributes[MAX_ATTRIBUTES]?.name);
  return { index, attributes };
}

/** Parses the CSV: comma-separated, or semicolon-separated when the header has semicolons and no comma. */
function records(csv: string): string[][] {
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  try {
    return parse(csv, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) throw new ImportRefusal(`the CSV cannot be read: ${error.message}`);
    throw error;
  }
}

/** One row as a correction of the contact, or what is wrong with its cells. */
function readRow(
  fields: string[],
  columns: Columns,
  row: number,
): { phone: string; change: ContactCorrection } | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  const cell = (at: number | undefined) => (at === undefined ? '' : (fields[at] ?? ''));
  const fail = (column: string, message: string) => errors.push({ row, column, message });
  const written = cell(columns.index.phone);
  const phone = waId(written);
  if (!phone) fail('phone', written ? `"${written}" is not a phone number in international form` : 'the phone number is missing');
  const change: ContactCorrection = {};
  const name = cell(columns.index.name);
  if (name.length > 200) fail('name', 'longer than 200 characters');
  else if (name) change.name = name;
  const tags = cell(columns.index.tags);
  if (tags) {
    const list = [
      ...new Set(
        tags
          .split(/[;|]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
    const bad = list.find((t) => t.length > 64 || t.includes(','));
    if (bad) fail('tags', `tag "${bad.slice(0, 70)}" is longer than 64 characters or holds a comma`);
    else if (list.length > 50) fail('tags', 'more than 50 tags');
    else change.tags = list;
  }
  const optIn = cell(columns.index.opt_in).toLowerCase();
  if (YES.has(optIn)) change.optedIn = true;
  else if (NO.has(optIn)) change.optedIn = false;
  else if (optIn) fail('opt_in', `"${optIn}" is not true/false, yes/no or 1/0`);
  const attributes: ContactAttributes = {};
  for (const { name: attribute, at } of columns.attributes) {
    const value = cell(at);
    if (value.length > 500) fail(attribute, 'longer than 500 characters');
    else if (value) attributes[attribute] = value;
  }
  if (Object.keys(attributes).length > 0) change.attributes = attributes;
  return errors.length > 0 || !phone ? { errors } : { phone, change };
}

/**
 * Imports contacts from CSV, upserting by phone number in the workspace: a number the workspace
 * knows updates its contacts (on every business number they wrote to), a new one is created on
 * `channel` (without one, such a row is reported). Empty cells change nothing; `tags` replaces the tags; attribute columns are merged
 * into the attributes. A row with a bad cell is skipped and reported; a bad header refuses the
 * whole file (`ImportRefusal`) before anything is written.
 */
export async function importContacts(
  contacts: ContactRepository,
  workspaceId: string,
  csv: string,
  channel: ChannelRef | undefined,
  now: () => number,
): Promise<ImportResult> {
  const [header, ...rows] = records(csv);
  if (!header) throw new ImportRefusal('the CSV is empty: it needs a header row with a "phone" column', 'phone');
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportRefusal(`at most ${MAX_IMPORT_ROWS} rows per import; split the file`, undefined, true);
  const columns = readHeader(header);
  const result: ImportResult = { created: 0, updated: 0, errors: [] };
  for (const [i, fields] of rows.entries()) {
    const read = readRow(fields, columns, i + 2);
    if ('errors' in read) {
      result.errors.push(...read.errors);
      continue;
    }
    const known = (await contacts.findByAddress(workspaceId, read.phone)).filter((c) => c.channel.kind === 'whatsapp');
    if (known.length === 0 && !channel) {
      result.errors.push({
        row: i + 2,
        column: 'phone',
        message: 'a new contact needs a WhatsApp number to belong to: configure a channel',
      });
      continue;
    }
    const targets = known.length > 0 || !channel ? known : [await contacts.ensure(workspaceId, channel, read.phone, now())];
    const attributeCount = (existing: ContactAttributes | undefined) => Object.keys({ ...existing, ...read.change.attributes }).length;
    if (targets.some((c) => attributeCount(c.attributes) > MAX_ATTRIBUTES)) {
      result.errors.push({ row: i + 2, column: columns.attributes[0]?.name ?? 'phone', message: `more than ${MAX_ATTRIBUTES} attributes` });
      continue;
    }
    for (const contact of targets) {
      const attributes = read.change.attributes ? { attributes: { ...contact.attributes, ...read.change.attributes } } : {};
      await contacts.correct(workspaceId, contact.id, { ...read.change, ...attributes }, now());
    }
    if (known.length > 0) result.updated += 1;
    else result.created += 1;
  }
  return result;
}

/** A CSV record: its fields, and its row number as a spreadsheet shows it (the header is row 1). */
export interface CsvRecord {
  row: number;
  fields: string[];
}

/**
 * Parses CSV as RFC 4180 writes it: fields separated by commas (or semicolons, as spreadsheets in
 * many locales save them, when the header has no comma), quoted with `"` to hold separators, line
 * breaks and doubled quotes. A byte-order mark and blank lines are skipped.
 *
 * @example
 * parseCsv('name,price\n"Shirt, blue",12.50'); // { records: [{ row: 1, fields: ['name','price'] }, { row: 2, fields: ['Shirt, blue','12.50'] }] }
 */
export function parseCsv(text: string): { records: CsvRecord[] } | { error: { row: number; message: string } } {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let row = 1;
  let quoteRow = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ row, fields });
    row = records.length + 1;
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i] as string;
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteRow = row;
    } else if (char === separator) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) return { error: { row: quoteRow, message: 'a quoted field is not closed (a " is missing)' } };
  if (field !== '' || fields.length) endRecord();
  return { records };
}

import type { ErrorObject } from 'ajv';
import Ajv from 'ajv/dist/2020';
import { parseCsv } from './parse-csv';
import type { ProductRecord } from './product';
import { type FieldError, type ProductInput, productFromInput, productInputSchema } from './product-input';

/** One problem of an import, where a person finds it: the row (1-based; a CSV header is row 1) and the column or field. */
export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportPlan {
  /** The valid products, ready to save. */
  products: ProductRecord[];
  errors: ImportError[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateInput = ajv.compile<ProductInput>(productInputSchema);

const productColumns = ['id', 'name', 'description', 'price', 'currency', 'category', 'stock', 'images', 'active'] as const;
const variantColumns = ['variant_id', 'variant_name', 'size', 'color', 'variant_price', 'variant_stock'] as const;
const aliases: Record<string, string> = { sku: 'id', colour: 'color', image: 'images', image_url: 'images', quantity: 'stock' };
/** CSV column of a variant field. */
const variantColumnOf: Record<string, string> = {
  id: 'variant_id',
  name: 'variant_name',
  size: 'size',
  color: 'color',
  price: 'variant_price',
  stock: 'variant_stock',
};

/**
 * Reads a JSON import: an array of products as the REST API takes them. Each error names the
 * row (the item's 1-based position) and the field path (`variants[0].price`).
 */
export function planJsonImport(rows: readonly unknown[], workspaceId: string, now: number): ImportPlan {
  const plan: ImportPlan = { products: [], errors: [] };
  const seen = new Map<string, number>();
  rows.forEach((item, index) => {
    const row = index + 1;
    const result = checkInput(item, workspaceId, now);
    if ('errors' in result) {
      plan.errors.push(...result.errors.map((e) => ({ row, column: e.field, message: e.message })));
      return;
    }
    const first = seen.get(result.product.id);
    if (first !== undefined) {
      plan.errors.push({ row, column: 'id', message: `"${result.product.id}" is also the id of row ${first}` });
      return;
    }
    seen.set(result.product.id, row);
    plan.products.push(result.product);
  });
  return plan;
}

/**
 * Reads a CSV import. One row per product; further rows with the same `id` add variants (only
 * their variant columns are read). Columns: id (the SKU), name, description, price, currency,
 * category, stock, images (separated by `|`), active, and for variants variant_id, variant_name,
 * size, color, variant_price, variant_stock. Each error names the row and the CSV column.
 */
export function planCsvImport(text: string, workspaceId: string, now: number): ImportPlan {
  const parsed = parseCsv(text);
  if ('error' in parsed) return { products: [], errors: [{ row: parsed.error.row, column: '', message: parsed.error.message }] };
  const [header, ...records] = parsed.records;
  if (!header) return { products: [], errors: [{ row: 1, column: '', message: 'the file is empty; the first row must name the columns' }] };
  const errors: ImportError[] = [];
  const columns = header.fields.map((name) => {
    const key = name
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    return aliases[key] ?? key;
  });
  columns.forEach((column, index) => {
    if (![...productColumns, ...variantColumns].includes(column as never)) {
      errors.push({
        row: 1,
        column: header.fields[index] ?? column,
        message: `is not a known column; use ${[...productColumns, ...variantColumns].join(', ')}`,
      });
    }
  });
  for (const required of ['name', 'price', 'currency']) {
    if (!columns.includes(required)) errors.push({ row: 1, column: required, message: 'column is missing' });
  }
  if (errors.length) return { products: [], errors };

  // Gather rows into products: a product and the rows of its variants.
  const groups: { row: number; input: Record<string, unknown>; variantRows: number[] }[] = [];
  const byId = new Map<string, (typeof groups)[number]>();
  for (const record of records) {
    const cells = new Map<string, string>();
    columns.forEach((column, index) => {
      const value = record.fields[index]?.trim();
      if (value) cells.set(column, value);
    });
    const variant = readVariant(cells, record.row, errors);
    const id = cells.get('id');
    const group = id ? byId.get(id) : undefined;
    if (group) {
      if (!variant)
        errors.push({
          row: record.row,
          column: 'id',
          message: `"${id}" is also the id of row ${group.row}; a repeated id must add a variant`,
        });
      else {
        (group.input.variants as unknown[]).push(variant);
        group.variantRows.push(record.row);
      }
      continue;
    }
    const input = readProduct(cells, record.row, errors);
    input.variants = variant ? [variant] : [];
    const created = { row: record.row, input, variantRows: variant ? [record.row] : [] };
    groups.push(created);
    if (id) byId.set(id, created);
  }

  const products: ProductRecord[] = [];
  for (const group of groups) {
    const result = checkInput(group.input, workspaceId, now);
    if ('product' in result) {
      if (!errors.some((e) => e.row === group.row || group.variantRows.includes(e.row))) products.push(result.product);
      continue;
    }
    for (const error of result.errors) errors.push(csvError(error, group));
  }
  errors.sort((a, b) => a.row - b.row);
  return { products, errors };
}

/** Validates one product input against the schema, then converts it (exact prices); errors by field. */
function checkInput(item: unknown, workspaceId: string, now: number): { product: ProductRecord } | { errors: FieldError[] } {
  if (!validateInput(item)) return { errors: fieldErrors(validateInput.errors ?? []) };
  return productFromInput(item, workspaceId, now);
}

function readProduct(cells: Map<string, string>, row: number, errors: ImportError[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const column of ['id', 'name', 'description', 'price', 'currency', 'category'] as const) {
    const value = cells.get(column);
    if (value !== undefined) input[column] = column === 'currency' ? value.toUpperCase() : value;
  }
  const stock = readCount(cells, 'stock', row, errors);
  if (stock !== undefined) input.stock = stock;
  const images = cells.get('images');
  if (images) input.images = images.split(/[|\s]+/).filter(Boolean);
  const active = cells.get('active');
  if (active !== undefined) {
    if (/^(true|yes|1|y)$/i.test(active)) input.active = true;
    else if (/^(false|no|0|n)$/i.test(active)) input.active = false;
    else errors.push({ row, column: 'active', message: `"${active}" is not yes or no` });
  }
  return input;
}

function readVariant(cells: Map<string, string>, row: number, errors: ImportError[]): Record<string, unknown> | undefined {
  if (!variantColumns.some((column) => cells.has(column))) return undefined;
  const variant: Record<string, unknown> = {};
  const id = cells.get('variant_id');
  const name = cells.get('variant_name');
  if (id) variant.id = id;
  if (name) variant.name = name;
  if (cells.has('size')) variant.size = cells.get('size');
  if (cells.has('color')) variant.color = cells.get('color');
  if (cells.has('variant_price')) variant.price = cells.get('variant_price');
  const stock = readCount(cells, 'variant_stock', row, errors);
  if (stock !== undefined) variant.stock = stock;
  return variant;
}

function readCount(cells: Map<string, string>, column: string, row: number, errors: ImportError[]): number | undefined {
  const value = cells.get(column);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    errors.push({ row, column, message: `"${value}" is not a whole number of units` });
    return undefined;
  }
  return Number(value);
}

/** A field error of a CSV product, at the row and column where the value was written. */
function csvError(error: FieldError, group: { row: number; variantRows: number[] }): ImportError {
  const variant = /^variants\[(\d+)\]\.?(\w*)/.exec(error.field);
  if (variant) {
    const row = group.variantRows[Number(variant[1])] ?? group.row;
    return { row, column: variantColumnOf[variant[2] ?? ''] ?? 'variant_name', message: error.message };
  }
  const column = error.field.replace(/\[\d+\]$/, '');
  return { row: group.row, column, message: error.message };
}

/** Ajv's errors as one message per field, worded for a person fixing a file. */
function fieldErrors(errors: ErrorObject[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const error of errors) {
    const params = error.params as Record<string, unknown>;
    let field = pointerToPath(error.instancePath);
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      field = joinPath(field, String(params.missingProperty));
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      field = joinPath(field, String(params.additionalProperty));
      message = 'is not a known field';
    } else if (/(^|\.)price$/.test(field)) {
      message = 'must be an amount like 12.50';
    } else if (error.keyword === 'type' || error.keyword === 'pattern') {
      if (/(^|\.)currency$/.test(field)) message = 'must be an ISO 4217 code such as EUR';
      else if (/(^|\.)id$/.test(field)) message = 'must be letters, digits, ".", "_" or "-" (at most 100)';
      else if (/images\[\d+\]$/.test(field)) message = 'must be an http(s) URL';
    }
    if (!byField.has(field)) byField.set(field, message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

function pointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : joinPath(path, part)), '');
}

function joinPath(base: string, rest: string): string {
  return base ? `${base}.${rest}` : rest;
}

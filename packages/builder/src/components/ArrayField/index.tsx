import { singular } from '../../format/humanize';
import { newArrayItem } from '../../schema-form/initial-value';
import { fieldType, type JsonSchema } from '../../schema-form/json-schema';
import { moveItem, pathToField, type ValuePath } from '../../schema-form/value-path';
import { ScalarInput } from '../SchemaField/scalar-input';
import { fieldId, useFormContext } from '../SchemaForm/form-context';
import { ObjectFields } from '../SchemaForm/object-fields';
import './style.css';

interface ArrayFieldProps {
  name: string;
  label: string;
  schema: JsonSchema;
  value: unknown;
  path: ValuePath;
  required: boolean;
  errors: readonly string[];
}

/** What an item is called in its card: its label, title, name or text, when it has one. */
function preview(item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  const record = item as Record<string, unknown>;
  const text = [record.label, record.title, record.name, record.text].find((candidate) => typeof candidate === 'string' && candidate);
  return typeof text === 'string' ? text : '';
}

/** A list field: one card (objects) or row (values) per item, with add, remove, move up and down. */
export function ArrayField({ name, label, schema, value, path, required, errors }: ArrayFieldProps) {
  const form = useFormContext();
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const objects = fieldType(itemSchema) === 'object';
  const one = singular(label);
  const canAdd = !form.readOnly && (schema.maxItems === undefined || items.length < schema.maxItems);
  const canRemove = !form.readOnly && items.length > (schema.minItems ?? 0);
  const set = (next: unknown[]) => form.setValue(path, next.length === 0 && !required ? undefined : next);

  const controls = (index: number) =>
    form.readOnly ? null : (
      <span className="array-controls">
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${one} ${index + 1} up`}
          disabled={index === 0}
          onClick={() => set(moveItem(items, index, index - 1))}
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Move ${one} ${index + 1} down`}
          disabled={index === items.length - 1}
          onClick={() => set(moveItem(items, index, index + 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button icon-danger"
          aria-label={`Remove ${one} ${index + 1}`}
          disabled={!canRemove}
          onClick={() => set(items.filter((_, i) => i !== index))}
        >
          ✕
        </button>
      </span>
    );

  return (
    <div className={`field array-field${errors.length ? ' has-error' : ''}`} data-field={pathToField(path)}>
      <div className="field-top">
        <span className="field-label">
          {label}
          {required ? <span className="field-required">*</span> : null}
        </span>
        <span className="field-counter">{schema.maxItems ? `${items.length}/${schema.maxItems}` : items.length || ''}</span>
      </div>
      {schema.description ? <p className="field-description">{schema.description}</p> : null}
      {errors.map((error) => (
        <p key={error} className="field-error" role="alert">
          {error}
        </p>
      ))}
      <ol className="array-items">
        {items.map((item, index) =>
          objects ? (
            // Items have no identity of their own; the index is their place in the list.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="array-card">
              <div className="array-card-head">
                <span className="array-card-title">
                  {one} {index + 1}
                  {preview(item) ? <span className="array-card-preview"> · {preview(item)}</span> : null}
                </span>
                {controls(index)}
              </div>
              <ObjectFields schema={itemSchema} value={item} path={[...path, index]} />
            </li>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: as above
            <li key={index} className="array-row">
              <ScalarInput
                id={fieldId(form.idPrefix, pathToField([...path, index]))}
                schema={itemSchema}
                value={item}
                required
                disabled={form.readOnly}
                onChange={(next) => form.setValue([...path, index], next)}
              />
              {controls(index)}
            </li>
          ),
        )}
      </ol>
      {canAdd ? (
        <button
          type="button"
          className="button button-small array-add"
          onClick={() => set([...items, newArrayItem(itemSchema, items, name)])}
        >
          + Add {one}
        </button>
      ) : null}
    </div>
  );
}

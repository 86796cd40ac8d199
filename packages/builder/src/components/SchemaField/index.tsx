import { humanize } from '../../format/humanize';
import { initialValue } from '../../schema-form/initial-value';
import { fieldType, type JsonSchema } from '../../schema-form/json-schema';
import { pathToField, type ValuePath } from '../../schema-form/value-path';
import { ArrayField } from '../ArrayField';
import { fieldId, useFormContext } from '../SchemaForm/form-context';
import { ObjectFields } from '../SchemaForm/object-fields';
import { TemplateField } from '../TemplateField';
import { FieldFrame } from './field-frame';
import { ScalarInput } from './scalar-input';

export interface SchemaFieldProps {
  name: string;
  schema: JsonSchema;
  value: unknown;
  path: ValuePath;
  required: boolean;
}

/** One field of a generated form, drawn by its schema type. */
export function SchemaField({ name, schema, value, path, required }: SchemaFieldProps) {
  const form = useFormContext();
  const field = pathToField(path);
  const id = fieldId(form.idPrefix, field);
  const label = schema.title ?? humanize(name);
  const errors = form.errorsAt(field);
  const type = fieldType(schema);

  // A WhatsApp template is picked from the synced ones, not typed field by field.
  if (schema['x-widget'] === 'whatsapp-template') return <TemplateField value={value} path={path} />;
  if (type === 'object' && !required && value === undefined) {
    // An optional group left out: one line offering it, instead of a form of empty fields.
    return (
      <div className="field">
        <span className="field-label">{label}</span>
        {schema.description ? <p className="field-description">{schema.description}</p> : null}
        {form.readOnly ? (
          <p className="field-description">Not set</p>
        ) : (
          <button type="button" className="button button-small field-add" onClick={() => form.setValue(path, initialValue(schema))}>
            + Set up
          </button>
        )}
      </div>
    );
  }
  if (type === 'object') {
    return (
      <fieldset className={`field-group${errors.length ? ' has-error' : ''}`}>
        <legend>
          {label}
          {required || form.readOnly ? null : (
            <button
              type="button"
              className="icon-button icon-danger"
              aria-label={`Remove ${label}`}
              onClick={() => form.setValue(path, undefined)}
            >
              ✕
            </button>
          )}
        </legend>
        {schema.description ? <p className="field-description">{schema.description}</p> : null}
        {errors.map((error) => (
          <p key={error} className="field-error">
            {error}
          </p>
        ))}
        <ObjectFields schema={schema} value={value} path={path} />
      </fieldset>
    );
  }
  if (type === 'array') {
    return <ArrayField name={name} label={label} schema={schema} value={value} path={path} required={required} errors={errors} />;
  }
  // A character count where a limit matters while typing (WhatsApp's 20-character buttons), not for
  // a generous technical maximum that is far away.
  const used = typeof value === 'string' ? value.length : 0;
  const max = schema.maxLength;
  const counter = type === 'string' && max !== undefined && (max <= 100 || used >= max * 0.8) ? { used, max } : undefined;
  return (
    <FieldFrame
      id={id}
      label={label}
      required={required}
      description={schema.description}
      errors={errors}
      counter={counter}
      inline={type === 'boolean'}
    >
      <ScalarInput
        id={id}
        schema={schema}
        value={value}
        required={required}
        onChange={(next) => form.setValue(path, next)}
        disabled={form.readOnly}
      />
    </FieldFrame>
  );
}

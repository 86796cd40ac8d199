import { fieldType, type JsonSchema } from '../../schema-form/json-schema';

interface ScalarInputProps {
  id: string;
  schema: JsonSchema;
  value: unknown;
  required: boolean;
  disabled: boolean;
  /** `undefined` removes the field from the config (an optional field left empty). */
  onChange: (value: unknown) => void;
}

/** Text, a number, a yes/no or a choice: the control for a field that holds one value. */
export function ScalarInput({ id, schema, value, required, disabled, onChange }: ScalarInputProps) {
  const type = fieldType(schema);
  const placeholder = schema['x-placeholder'] ?? (schema.default !== undefined ? `Default: ${String(schema.default)}` : undefined);

  if (type === 'boolean') {
    return (
      <input id={id} type="checkbox" checked={value === true} disabled={disabled} onChange={(event) => onChange(event.target.checked)} />
    );
  }
  if (type === 'enum' || schema.enum) {
    const options = schema.enum ?? [];
    const index = options.indexOf(value);
    return (
      <select
        id={id}
        value={index === -1 ? '' : String(index)}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value === '' ? undefined : options[Number(event.target.value)])}
      >
        {index === -1 || (!required && schema.default === undefined) ? <option value="">— choose —</option> : null}
        {options.map((option, i) => (
          <option key={String(option)} value={String(i)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  if (type === 'number' || type === 'integer') {
    return (
      <input
        id={id}
        type="number"
        value={typeof value === 'number' ? value : ''}
        min={schema.minimum}
        max={schema.maximum}
        step={type === 'integer' ? 1 : 'any'}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      />
    );
  }
  if (type === 'string') {
    const text = typeof value === 'string' ? value : '';
    const change = (next: string) => onChange(next === '' && !required ? undefined : next);
    return schema['x-widget'] === 'textarea' ? (
      <textarea
        id={id}
        value={text}
        rows={3}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => change(event.target.value)}
      />
    ) : (
      <input
        id={id}
        type="text"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event) => change(event.target.value)}
      />
    );
  }
  return <AnyValueInput id={id} value={value} disabled={disabled} onChange={onChange} />;
}

/** A field of any JSON type (a variable's default): a number, true/false or JSON are read as such, else text. */
function AnyValueInput({
  id,
  value,
  disabled,
  onChange,
}: {
  id: string;
  value: unknown;
  disabled: boolean;
  onChange: (value: unknown) => void;
}) {
  const shown = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <input
      id={id}
      type="text"
      value={shown}
      placeholder="Text, a number, true/false, or JSON"
      disabled={disabled}
      onChange={(event) => {
        const text = event.target.value;
        if (text === '') return onChange(undefined);
        try {
          onChange(/^[-\d[{"]|^(true|false|null)$/.test(text.trim()) ? JSON.parse(text) : text);
        } catch {
          onChange(text);
        }
      }}
    />
  );
}

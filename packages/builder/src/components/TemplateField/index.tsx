import { type TemplateItem, templateShape } from '@chatflow/engine';
import { templateItemDraft } from '../../editor/template-item-draft';
import { useSyncedTemplateList } from '../../hooks/use-synced-templates';
import { pathToField, type ValuePath } from '../../schema-form/value-path';
import { FieldFrame } from '../SchemaField/field-frame';
import { fieldId, useFormContext } from '../SchemaForm/form-context';
import './style.css';

interface TemplateFieldProps {
  value: unknown;
  path: ValuePath;
}

const VARIABLE = /^\{\{\s*[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*\s*\}\}$/;
const keyOf = (t: { name: string; language: string }) => `${t.name}\u0000${t.language}`;

/**
 * A message item's WhatsApp template: picked from the synced templates, its body shown with its
 * placeholders, and a value (text or `{{variable}}`) for each of them, the header and the URL
 * buttons. Quick replies are listed as the exits they become.
 */
export function TemplateField({ value, path }: TemplateFieldProps) {
  const form = useFormContext();
  const templates = useSyncedTemplateList();
  const item = (value && typeof value === 'object' ? value : { name: '', language: '' }) as TemplateItem;
  const field = pathToField(path);
  const id = (part: string) => fieldId(form.idPrefix, `${field}.${part}`);
  const picked = templates.find((t) => t.name === item.name && t.language === item.language);
  const set = (next: TemplateItem) => form.setValue(path, next);
  const body = picked?.components.find((c) => c.type.toUpperCase() === 'BODY')?.text;
  const shape = picked ? templateShape(picked) : undefined;
  const positional = (item.params ?? []).map((value, i) => ({ placeholder: String(i + 1), value }));

  return (
    <fieldset className="field-group template-field" data-testid="template-field">
      <legend>WhatsApp template</legend>
      <FieldFrame
        id={id('name')}
        label="Template"
        required
        description={templates.length === 0 ? 'No templates are synced yet: sync them on the Templates screen.' : undefined}
        errors={form.errorsAt(field)}
      >
        <select
          id={id('name')}
          value={item.name ? keyOf(item) : ''}
          disabled={form.readOnly}
          onChange={(event) => {
            const chosen = templates.find((t) => keyOf(t) === event.target.value);
            if (chosen) set(templateItemDraft(chosen, item));
          }}
        >
          <option value="">Choose a template…</option>
          {item.name && !picked ? <option value={keyOf(item)}>{`${item.name} (${item.language}) — not synced`}</option> : null}
          {templates.map((t) => (
            <option key={keyOf(t)} value={keyOf(t)} disabled={t.status !== 'APPROVED'}>
              {`${t.name} (${t.language})${t.status === 'APPROVED' ? '' : ` — ${t.status.toLowerCase()}`}`}
            </option>
          ))}
        </select>
      </FieldFrame>
      {body ? (
        <p className="template-body" data-testid="template-body">
          {body}
        </p>
      ) : null}
      {item.header ? (
        <HeaderInput
          item={item}
          id={id('header')}
          errors={[...form.errorsAt(`${field}.header`), ...form.errorsAt(`${field}.header.text`)]}
          onChange={set}
        />
      ) : null}
      {positional.map(({ placeholder, value: param }, i) => (
        <FieldFrame
          key={placeholder}
          id={id(`params-${i}`)}
          label={`{{${i + 1}}}`}
          required
          errors={form.errorsAt(`${field}.params[${i}]`)}
        >
          <input
            id={id(`params-${i}`)}
            type="text"
            value={param}
            placeholder="Text or {{variable}}"
            disabled={form.readOnly}
            onChange={(event) => set({ ...item, params: (item.params ?? []).map((p, j) => (j === i ? event.target.value : p)) })}
          />
        </FieldFrame>
      ))}
      {Object.entries(item.namedParams ?? {}).map(([name, param]) => (
        <FieldFrame
          key={name}
          id={id(`named-${name}`)}
          label={`{{${name}}}`}
          required
          errors={form.errorsAt(`${field}.namedParams.${name}`)}
        >
          <input
            id={id(`named-${name}`)}
            type="text"
            value={param}
            placeholder="Text or {{variable}}"
            disabled={form.readOnly}
            onChange={(event) => set({ ...item, namedParams: { ...item.namedParams, [name]: event.target.value } })}
          />
        </FieldFrame>
      ))}
      {['params', 'namedParams', 'buttons'].flatMap((part) =>
        form.errorsAt(`${field}.${part}`).map((error) => (
          <p key={`${part}:${error}`} className="field-error" role="alert">
            {error}
          </p>
        )),
      )}
      {(item.buttons ?? []).map((button, i) =>
        button.type === 'url' ? (
          <FieldFrame
            key={`b${button.index}`}
            id={id(`button-${i}`)}
            label={`URL suffix of “${shape?.buttons[button.index]?.text ?? `button ${button.index + 1}`}”`}
            description={shape?.buttons[button.index]?.url}
            required
            errors={form.errorsAt(`${field}.buttons[${i}]`)}
          >
            <input
              id={id(`button-${i}`)}
              type="text"
              value={button.text ?? ''}
              placeholder="{{order_id}}"
              disabled={form.readOnly}
              onChange={(event) =>
                set({ ...item, buttons: (item.buttons ?? []).map((b, j) => (j === i ? { ...b, text: event.target.value } : b)) })
              }
            />
          </FieldFrame>
        ) : (
          <p key={`b${button.index}`} className="template-reply">
            Quick reply <strong>{button.label ?? button.id}</strong>: a tap leaves by the exit <code>{button.id}</code>
          </p>
        ),
      )}
    </fieldset>
  );
}

function HeaderInput({
  item,
  id,
  errors,
  onChange,
}: {
  item: TemplateItem;
  id: string;
  errors: readonly string[];
  onChange: (next: TemplateItem) => void;
}) {
  const form = useFormContext();
  const header = item.header as NonNullable<TemplateItem['header']>;
  const isText = header.type === 'text';
  const current = isText ? (header.text ?? '') : (header.media ?? header.url ?? '');
  return (
    <FieldFrame
      id={id}
      label={isText ? 'Header parameter' : `Header ${header.type}`}
      description={isText ? undefined : 'A media URL, or a {{variable}} holding a file'}
      required
      errors={errors}
    >
      <input
        id={id}
        type="text"
        value={current}
        placeholder={isText ? 'Text or {{variable}}' : 'https://… or {{variable}}'}
        disabled={form.readOnly}
        onChange={(event) => {
          const next = event.target.value;
          const { text: _t, url: _u, media: _m, ...rest } = header;
          onChange({
            ...item,
            header: isText
              ? { ...rest, text: next }
              : { ...rest, ...(VARIABLE.test(next.trim()) ? { media: next.trim() } : next ? { url: next } : {}) },
          });
        }}
      />
    </FieldFrame>
  );
}

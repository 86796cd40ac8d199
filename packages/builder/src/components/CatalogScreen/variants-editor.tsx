import { type DraftErrors, emptyVariant, type VariantDraft } from '../../business/product-draft';

interface VariantsEditorProps {
  variants: VariantDraft[];
  errors: DraftErrors;
  onChange: (variants: VariantDraft[]) => void;
}

const columns: { key: keyof VariantDraft; label: string; placeholder: string }[] = [
  { key: 'name', label: 'Name', placeholder: 'M / Red' },
  { key: 'size', label: 'Size', placeholder: 'M' },
  { key: 'color', label: 'Colour', placeholder: 'Red' },
  { key: 'price', label: 'Price', placeholder: 'product’s' },
  { key: 'stock', label: 'Stock', placeholder: '∞' },
];

/** The variants of a product (sizes, colours), each with an optional own price and stock. */
export function VariantsEditor({ variants, errors, onChange }: VariantsEditorProps) {
  const update = (index: number, key: keyof VariantDraft, value: string) =>
    onChange(variants.map((variant, i) => (i === index ? { ...variant, [key]: value } : variant)));
  return (
    <fieldset className="variants">
      <legend>Variants</legend>
      {variants.length === 0 ? <p className="muted">No variants: the product is sold as it is.</p> : null}
      {variants.length ? (
        <table className="variants-table">
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column.key}>{column.label}</th>
              ))}
              <th aria-label="Remove" />
            </tr>
          </thead>
          <tbody>
            {variants.map((variant, index) => (
              // Variant rows have no stable id while typed (the id is optional), so the position is the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are only appended or removed as a whole
              <tr key={index}>
                {columns.map((column) => {
                  const error = errors[`variants[${index}].${column.key}`];
                  return (
                    <td key={column.key}>
                      <input
                        aria-label={`Variant ${index + 1} ${column.label}`}
                        value={variant[column.key]}
                        placeholder={column.placeholder}
                        aria-invalid={error ? true : undefined}
                        title={error}
                        onChange={(event) => update(index, column.key, event.target.value)}
                      />
                      {error ? <span className="field-error">{error}</span> : null}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    aria-label={`Remove variant ${index + 1}`}
                    onClick={() => onChange(variants.filter((_, i) => i !== index))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <button type="button" className="button button-small" onClick={() => onChange([...variants, emptyVariant()])}>
        + Add variant
      </button>
    </fieldset>
  );
}

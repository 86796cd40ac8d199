import { type FormEvent, type InputHTMLAttributes, type ReactNode, useState } from 'react';
import type { Product } from '../../api/catalog-api';
import { type DraftErrors, draftOf, inputOf, type ProductDraft } from '../../business/product-draft';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useBusinessApi } from '../../hooks/use-business-api';
import { VariantsEditor } from './variants-editor';

interface ProductFormProps {
  /** The product to edit; a new one when absent. */
  product?: Product | undefined;
  defaultCurrency?: string | undefined;
  onClose: () => void;
  onSaved: (product: Product) => void;
}

/** Creates or edits a product in a dialog over the catalog; each field shows its own problem. */
export function ProductForm({ product, defaultCurrency, onClose, onSaved }: ProductFormProps) {
  const { catalog } = useBusinessApi();
  const [draft, setDraft] = useState<ProductDraft>(() => draftOf(product, defaultCurrency));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [serverError, setServerError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const first = useAutoFocus<HTMLInputElement>();
  const set = <K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = inputOf(draft);
    if ('errors' in checked) return setErrors(checked.errors);
    setErrors({});
    setServerError(undefined);
    setSaving(true);
    try {
      onSaved(product ? await catalog.replace(product.id, checked.input) : await catalog.create(checked.input));
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const field = (key: keyof ProductDraft & string, label: string, input: ReactNode, hint?: string) => (
    <div className={`form-field product-field-${key}`}>
      <label htmlFor={`product-${key}`}>{label}</label>
      {input}
      {errors[key] ? <span className="field-error">{errors[key]}</span> : hint ? <span className="field-hint">{hint}</span> : null}
    </div>
  );
  const text = (key: 'id' | 'category' | 'price' | 'currency' | 'stock', props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`product-${key}`}
      value={draft[key]}
      aria-invalid={errors[key] ? true : undefined}
      onChange={(event) => set(key, event.target.value)}
      {...props}
    />
  );

  return (
    <div className="modal-layer">
      <button type="button" className="modal-backdrop" aria-label="Close the product form" onClick={onClose} />
      <form className="modal product-form" role="dialog" aria-modal="true" aria-labelledby="product-form-title" onSubmit={submit}>
        <header className="modal-head">
          <h2 id="product-form-title">{product ? `Edit ${product.name}` : 'New product'}</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        <div className="modal-body">
          <div className="form-grid">
            {field(
              'name',
              'Name',
              <input
                ref={first}
                id="product-name"
                value={draft.name}
                placeholder="e.g. Classic T-shirt"
                aria-invalid={errors.name ? true : undefined}
                onChange={(event) => set('name', event.target.value)}
              />,
            )}
            {field(
              'id',
              'SKU',
              text('id', { disabled: Boolean(product), placeholder: 'generated when empty' }),
              product ? 'The SKU cannot change' : 'Matches WhatsApp catalog carts',
            )}
            {field('category', 'Category', text('category', { placeholder: 'e.g. Shirts' }))}
            <div className="form-pair">
              {field('price', 'Price', text('price', { inputMode: 'decimal', placeholder: '12.50' }))}
              {field('currency', 'Currency', text('currency', { maxLength: 3, placeholder: 'EUR' }))}
            </div>
            {field('stock', 'Stock', text('stock', { inputMode: 'numeric', placeholder: 'unlimited' }), 'Empty when you do not track it')}
            <div className="form-field form-check">
              <label>
                <input type="checkbox" checked={draft.active} onChange={(event) => set('active', event.target.checked)} /> Offered to
                customers
              </label>
            </div>
          </div>
          {field(
            'description',
            'Description',
            <textarea
              id="product-description"
              rows={2}
              value={draft.description}
              onChange={(event) => set('description', event.target.value)}
            />,
          )}
          {field(
            'images',
            'Image URLs',
            <textarea
              id="product-images"
              rows={2}
              value={draft.images}
              placeholder="https://… (one per line; the first is shown first)"
              aria-invalid={errors.images ? true : undefined}
              onChange={(event) => set('images', event.target.value)}
            />,
          )}
          <VariantsEditor variants={draft.variants} errors={errors} onChange={(variants) => set('variants', variants)} />
          {serverError ? (
            <p className="error-box" role="alert">
              The server did not save it: {serverError}
            </p>
          ) : null}
        </div>
        <footer className="modal-foot">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : product ? 'Save changes' : 'Add product'}
          </button>
        </footer>
      </form>
    </div>
  );
}

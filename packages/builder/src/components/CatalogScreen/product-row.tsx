import { useState } from 'react';
import type { Product } from '../../api/catalog-api';
import { formatMoney } from '../../business/money';

interface ProductRowProps {
  product: Product;
  onEdit: () => void;
  onDelete: () => void;
}

/** One product of the catalog table, with a confirm step before deleting. */
export function ProductRow({ product, onEdit, onDelete }: ProductRowProps) {
  const [confirming, setConfirming] = useState(false);
  // An image that does not load shows the placeholder, not the browser's broken-image icon.
  const [imageFailed, setImageFailed] = useState(false);
  const image = imageFailed ? undefined : product.images[0];
  const variantStock = product.variants.some((v) => v.stock !== undefined)
    ? product.variants.reduce((sum, v) => sum + (v.stock ?? 0), 0)
    : undefined;
  const stock = product.stock ?? variantStock;
  return (
    <tr className={product.active ? undefined : 'is-inactive'} data-testid="product-row">
      <td className="catalog-thumb-cell">
        {image ? (
          <img className="catalog-thumb" src={image} alt="" loading="lazy" onError={() => setImageFailed(true)} />
        ) : (
          <span className="catalog-thumb is-empty">📦</span>
        )}
      </td>
      <td>
        <div className="catalog-name">
          {product.name}
          {product.active ? null : <span className="badge">Hidden</span>}
        </div>
        <div className="catalog-sku">{product.id}</div>
      </td>
      <td>{product.category ?? <span className="muted">—</span>}</td>
      <td className="numeric">{formatMoney(product.price, product.currency)}</td>
      <td>
        {product.variants.length ? (
          <div className="catalog-variants">
            {product.variants.slice(0, 4).map((variant) => (
              <span
                key={variant.id}
                className="badge badge-blue"
                title={variant.price !== undefined ? formatMoney(variant.price, product.currency) : undefined}
              >
                {variant.name}
              </span>
            ))}
            {product.variants.length > 4 ? <span className="muted">+{product.variants.length - 4}</span> : null}
          </div>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="numeric">
        {stock === undefined ? (
          <span className="muted" title="Stock is not tracked">
            ∞
          </span>
        ) : (
          <span className={stock === 0 ? 'catalog-out' : undefined} title={stock === 0 ? 'Out of stock' : undefined}>
            {stock}
          </span>
        )}
      </td>
      <td className="row-actions">
        {confirming ? (
          <span className="confirm-inline">
            Delete?
            <button type="button" className="button button-small button-danger" onClick={onDelete}>
              Delete
            </button>
            <button type="button" className="button button-small button-ghost" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <>
            <button type="button" className="button button-small" onClick={onEdit}>
              Edit
            </button>
            <button
              type="button"
              className="button button-small button-ghost button-danger-text"
              onClick={() => setConfirming(true)}
              aria-label={`Delete ${product.name}`}
            >
              Delete
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

interface CatalogPagerProps {
  /** Zero-based. */
  page: number;
  pageSize: number;
  /** Products on this page. */
  shown: number;
  /** Products matching in all. */
  total: number;
  onPage: (page: number) => void;
}

/** "Showing 51–100 of 1,234 products" with previous and next, under the catalog table. */
export function CatalogPager({ page, pageSize, shown, total, onPage }: CatalogPagerProps) {
  const first = page * pageSize + 1;
  const last = page * pageSize + shown;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="catalog-pager" aria-label="Catalog pages">
      <span className="muted catalog-count" data-testid="catalog-count">
        {total <= pageSize ? `${total.toLocaleString()} product(s)` : `Showing ${first}–${last} of ${total.toLocaleString()} products`}
      </span>
      {pages > 1 ? (
        <span className="catalog-pager-buttons">
          <button type="button" className="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
            ‹ Previous
          </button>
          <span className="muted">
            Page {page + 1} of {pages}
          </span>
          <button type="button" className="button" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
            Next ›
          </button>
        </span>
      ) : null}
    </nav>
  );
}

import { useEffect, useRef, useState } from 'react';
import type { Product } from '../../api/catalog-api';
import { importSourceOf } from '../../business/import-file';
import { useBusinessApi } from '../../hooks/use-business-api';
import { CATALOG_PAGE_SIZE, useCatalog } from '../../hooks/use-catalog';
import { toasts } from '../../notifications/toasts';
import { CatalogPager } from './catalog-pager';
import { type ImportReport, ImportReportPanel } from './import-report';
import { ProductForm } from './product-form';
import { ProductRow } from './product-row';
import './style.css';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The product catalog the order node sells from: browse page by page, search, create, edit, delete,
 * import CSV or JSON.
 */
export function CatalogScreen() {
  const { catalog } = useBusinessApi();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const list = useCatalog(search, page);
  // Deleting the last product of the last page leaves that page empty: show the one before.
  useEffect(() => {
    if (page > 0 && list.products?.length === 0 && list.total > 0) setPage(Math.ceil(list.total / CATALOG_PAGE_SIZE) - 1);
  }, [page, list.products, list.total]);
  const [editing, setEditing] = useState<Product | 'new'>();
  const [report, setReport] = useState<ImportReport>();
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const top = useRef<HTMLElement>(null);
  const turnPage = (to: number) => {
    setPage(to);
    // The pager sits under the table: the next page is read from its top.
    top.current?.scrollIntoView({ block: 'start' });
  };

  const runImport = async (fileName: string, text: string, partial: boolean) => {
    const source = importSourceOf(fileName, text);
    if ('error' in source) return setReport({ fileName, text, failed: true, message: source.error, errors: [] });
    setImporting(true);
    try {
      const outcome = await catalog.import(source, partial);
      if (outcome.ok) {
        toasts.show('success', `${fileName}: ${outcome.created} product(s) added, ${outcome.updated} updated`);
        setReport(
          outcome.errors.length
            ? {
                fileName,
                text,
                failed: false,
                message: `${outcome.errors.length} row problem(s) were skipped`,
                errors: outcome.errors,
                created: outcome.created,
                updated: outcome.updated,
              }
            : undefined,
        );
        list.reload();
      } else {
        setReport({ fileName, text, failed: true, message: outcome.message, errors: outcome.errors });
      }
    } catch (error) {
      setReport({ fileName, text, failed: true, message: `The import failed: ${message(error)}`, errors: [] });
    } finally {
      setImporting(false);
    }
  };

  const remove = async (product: Product) => {
    try {
      await catalog.remove(product.id);
      toasts.show('success', `Deleted “${product.name}”`);
      list.reload();
    } catch (error) {
      toasts.show('error', `Could not delete “${product.name}”: ${message(error)}`);
    }
  };

  return (
    <main className="business-main catalog" ref={top}>
      <div className="business-head">
        <div>
          <h1>Catalog</h1>
          <p className="muted">The products your order flows offer on WhatsApp. The id is the SKU, also used by WhatsApp catalog carts.</p>
        </div>
        <div className="business-actions">
          <input
            type="search"
            className="catalog-search"
            placeholder="Search products"
            aria-label="Search products"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setPage(0);
            }}
          />
          <input
            ref={fileInput}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            hidden
            data-testid="catalog-import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void file.text().then((text) => runImport(file.name, text, false));
            }}
          />
          <button
            type="button"
            className="button"
            disabled={importing}
            onClick={() => fileInput.current?.click()}
            title="Add or update products from a CSV or JSON file"
          >
            {importing ? 'Importing…' : '⤒ Import CSV / JSON'}
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            + New product
          </button>
        </div>
      </div>
      {report ? (
        <ImportReportPanel
          report={report}
          busy={importing}
          onImportValid={() => void runImport(report.fileName, report.text, true)}
          onDismiss={() => setReport(undefined)}
        />
      ) : null}
      {list.error ? <p className="error-box">Could not load the catalog: {list.error}</p> : null}
      {list.products === undefined && !list.error ? <p className="muted">Loading…</p> : null}
      {list.products?.length === 0 && list.total === 0 ? (
        <div className="business-empty">
          <p>{search ? `No product matches “${search}”.` : 'The catalog is empty.'}</p>
          {search ? null : <p className="muted">Add products one by one with “New product”, or import a CSV or JSON file.</p>}
        </div>
      ) : null}
      {list.products && list.products.length > 0 ? (
        <>
          <table className="data-table catalog-table">
            <thead>
              <tr>
                <th aria-label="Image" />
                <th>Product</th>
                <th>Category</th>
                <th className="numeric">Price</th>
                <th>Variants</th>
                <th className="numeric">Stock</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {list.products.map((product) => (
                <ProductRow key={product.id} product={product} onEdit={() => setEditing(product)} onDelete={() => void remove(product)} />
              ))}
            </tbody>
          </table>
          <CatalogPager page={page} pageSize={CATALOG_PAGE_SIZE} shown={list.products.length} total={list.total} onPage={turnPage} />
        </>
      ) : null}
      {editing ? (
        <ProductForm
          product={editing === 'new' ? undefined : editing}
          defaultCurrency={list.products?.[0]?.currency}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            toasts.show('success', `Saved “${saved.name}”`);
            setEditing(undefined);
            list.reload();
          }}
        />
      ) : null}
    </main>
  );
}

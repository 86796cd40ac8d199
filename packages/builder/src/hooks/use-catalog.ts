import { useCallback, useEffect, useState } from 'react';
import type { Product } from '../api/catalog-api';
import { useBusinessApi } from './use-business-api';

/** The catalog's products (active and inactive), reloaded after every change. */
export function useCatalog(search: string) {
  const { catalog } = useBusinessApi();
  const [products, setProducts] = useState<Product[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void version;
    // Typing in the search box waits a moment, so each key does not cost a request.
    const timer = setTimeout(
      () => {
        catalog
          .list(search.trim() ? { search: search.trim() } : {})
          .then((page) => {
            if (!current) return;
            setProducts(page.products);
            setTotal(page.total);
            setError(undefined);
          })
          .catch((caught: unknown) => current && setError(caught instanceof Error ? caught.message : String(caught)));
      },
      search ? 200 : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalog, search, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { products, total, error, reload };
}

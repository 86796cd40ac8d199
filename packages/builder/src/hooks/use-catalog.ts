import { useCallback, useEffect, useState } from 'react';
import type { Product } from '../api/catalog-api';
import { useBusinessApi } from './use-business-api';

/** Products per page of the catalog screen: a long table still scrolls comfortably, and loads fast. */
export const CATALOG_PAGE_SIZE = 50;

/**
 * One page of the catalog's products (active and inactive) matching `search`, with how many match
 * in all; reloaded after every change.
 */
export function useCatalog(search: string, page: number) {
  const { catalog } = useBusinessApi();
  const [products, setProducts] = useState<Product[]>();
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    void version;
    const query = search.trim();
    // Typing in the search box waits a moment, so each key does not cost a request.
    const timer = setTimeout(
      () => {
        catalog
          .list({ ...(query ? { search: query } : {}), limit: CATALOG_PAGE_SIZE, offset: page * CATALOG_PAGE_SIZE })
          .then((result) => {
            if (!current) return;
            setProducts(result.products);
            setTotal(result.total);
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
  }, [catalog, search, page, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { products, total, error, reload };
}

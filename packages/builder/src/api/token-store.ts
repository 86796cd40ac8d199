const KEY = 'chatflow.adminToken';

/** The admin token the API takes as `Authorization: Bearer`, kept in localStorage across visits. */
export const tokenStore = {
  get(): string | undefined {
    return localStorage.getItem(KEY) ?? undefined;
  },
  set(token: string): void {
    localStorage.setItem(KEY, token);
  },
  clear(): void {
    localStorage.removeItem(KEY);
  },
};

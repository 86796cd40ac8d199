import { useMemo } from 'react';
import { broadcastsApi } from '../api/broadcasts-api';
import { catalogApi } from '../api/catalog-api';
import { contactsApi } from '../api/contacts-api';
import { inboxApi } from '../api/inbox-api';
import { ordersApi } from '../api/orders-api';
import { secretsApi } from '../api/secrets-api';
import { templatesApi } from '../api/templates-api';
import { usersApi } from '../api/users-api';
import { useApi } from './use-api';

/** The catalog, contact, order, inbox, user and secret endpoints, with the signed-in token. */
export function useBusinessApi() {
  const { client } = useApi();
  return useMemo(
    () => ({
      catalog: catalogApi(client),
      contacts: contactsApi(client),
      orders: ordersApi(client),
      inbox: inboxApi(client),
      users: usersApi(client),
      secrets: secretsApi(client),
      templates: templatesApi(client),
      broadcasts: broadcastsApi(client),
    }),
    [client],
  );
}

export type BusinessApi = ReturnType<typeof useBusinessApi>;

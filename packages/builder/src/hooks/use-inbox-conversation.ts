import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxConversation } from '../api/inbox-api';
import { useBusinessApi } from './use-business-api';

/** Names one reply, so a retried request is sent once; random enough, and needs no secure context. */
const clientMessageId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One conversation of the inbox and what an agent does with it: take over, reply, hand back,
 * close. Each action reloads the conversation, so the screen shows what the server holds.
 */
export function useInboxConversation(id: string | undefined) {
  const { inbox } = useBusinessApi();
  const [conversation, setConversation] = useState<InboxConversation>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const requested = useRef(id);
  requested.current = id;

  const reload = useCallback(async () => {
    if (!id) return;
    try {
      const found = await inbox.get(id);
      if (requested.current === id) {
        setConversation(found);
        setError(undefined);
      }
    } catch (caught) {
      if (requested.current === id) setError(message(caught));
    }
  }, [inbox, id]);

  useEffect(() => {
    setConversation(undefined);
    setError(undefined);
    void reload();
  }, [reload]);

  /** Runs an action; its failure is thrown to the caller (the screen shows it where it happened). */
  const act = useCallback(
    async (action: (conversationId: string) => Promise<unknown>) => {
      if (!id) return;
      setBusy(true);
      try {
        await action(id);
      } finally {
        setBusy(false);
        await reload();
      }
    },
    [id, reload],
  );

  return {
    conversation,
    error,
    busy,
    reload,
    take: (force = false) => act((conversationId) => inbox.take(conversationId, force)),
    reply: (text: string) => act((conversationId) => inbox.reply(conversationId, text, clientMessageId())),
    release: () => act((conversationId) => inbox.release(conversationId)),
    close: () => act((conversationId) => inbox.close(conversationId)),
  };
}

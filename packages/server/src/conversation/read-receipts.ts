import type { Channel, SendTarget } from './channel';
import type { Logger } from './logger';

/** A turn that has not replied after this long shows the customer the typing indicator. */
export const TYPING_AFTER_MS = 1000;

/** One customer message's read receipt, around its turn. */
export interface Receipt {
  /** Before the first reply: a typing indicator not yet shown never will be; one being shown goes first. */
  beforeReply(): Promise<void>;
  /** Once the turn is over: marks the message read, unless its typing indicator already did. */
  done(): Promise<void>;
}

interface Mark {
  channel: Channel;
  target: SendTarget;
  messageId: string;
}

/**
 * Read receipts with one Graph request per message at most, often none: a quick reply goes alone
 * and its message is marked read right after it; only a turn still working after `typingAfterMs`
 * shows the typing indicator (which marks read as well). Marking a message read marks the earlier
 * ones of its conversation read too (Meta's semantics), so while one receipt of a conversation is
 * on its way, later ones wait and only the latest of them is sent.
 */
export function createReadReceipts(logger: Logger, typingAfterMs = TYPING_AFTER_MS) {
  const latest = new Map<string, Mark | undefined>();
  const sending = new Set<Promise<void>>();

  function track(work: Promise<void>): Promise<void> {
    sending.add(work);
    void work.then(() => sending.delete(work));
    return work;
  }

  function post(mark: Mark, indicator: boolean): Promise<void> {
    return (mark.channel.typing?.(mark.target, mark.messageId, indicator) ?? Promise.resolve()).catch((error: unknown) =>
      logger.warn('read receipt failed', { error: String(error) }),
    );
  }

  async function drain(conversation: string, first: Mark): Promise<void> {
    let mark: Mark | undefined = first;
    while (mark) {
      latest.set(conversation, undefined);
      await post(mark, false);
      mark = latest.get(conversation);
    }
    latest.delete(conversation);
  }

  function markRead(conversation: string, mark: Mark): Promise<void> {
    if (latest.has(conversation)) {
      latest.set(conversation, mark);
      return Promise.resolve();
    }
    return track(drain(conversation, mark));
  }

  return {
    start(conversation: string, mark: Mark): Receipt {
      let shown: Promise<void> | undefined;
      const timer = setTimeout(() => {
        shown = track(post(mark, true));
      }, typingAfterMs);
      return {
        beforeReply() {
          clearTimeout(timer);
          return shown ?? Promise.resolve();
        },
        done() {
          clearTimeout(timer);
          return shown ? Promise.resolve() : markRead(conversation, mark);
        },
      };
    },
    /** Resolves once no receipt is on its way. */
    async idle(): Promise<void> {
      while (sending.size > 0) await Promise.all(sending);
    },
  };
}

import { type ContactDataDeps, deleteContactData } from '../api/contact-data';
import { conversationKeys } from '../conversation/conversation-keys';
import type { MediaStore } from '../media/media-store';
import type { SessionStore } from '../ports/session-store';
import type { ContactRecord } from '../records/contact-repository';
import type { TrackedDocuments } from './tracked-documents';

export interface EraseWorkspaceDeps extends ContactDataDeps {
  documents: TrackedDocuments;
  sessions: ContactDataDeps['sessions'] & Pick<SessionStore, 'peek' | 'ack' | 'deletePrefix'>;
  media: Pick<MediaStore, 'deleteForContact' | 'deleteWorkspace'>;
}

const PAGE = 200;

/**
 * Deletes everything a workspace holds, physically: first what lives outside the document store
 * under its contacts' keys (running conversations' session state, queued messages and timers,
 * AI memory, files), then every document of every collection with its `workspaceId`, rewriting
 * the embedded datafiles so no file keeps them. Its users' sign-ins end with the sessions.
 */
export async function eraseWorkspace(deps: EraseWorkspaceDeps, workspaceId: string): Promise<{ collections: number }> {
  const contacts = deps.documents.collection<ContactRecord>('contacts');
  for (let batch = await contacts.find({ workspaceId }, { limit: PAGE }); batch.length > 0; ) {
    for (const contact of batch) {
      const { queue } = conversationKeys(workspaceId, contact.channel, contact.address);
      // Queued messages would bring the conversation back once the worker reached them.
      while ((await deps.sessions.peek(queue)) !== undefined) await deps.sessions.ack(queue);
      await deleteContactData(deps, workspaceId, contact);
    }
    batch = await contacts.find({ workspaceId }, { limit: PAGE });
  }
  await deps.media.deleteWorkspace(workspaceId);
  // What no contact names: dedup marks, simulator visitors' snapshots, anything under the workspace's keys.
  await deps.sessions.deletePrefix(`${workspaceId}:`);
  const names = deps.documents.names();
  for (const name of names) await deps.documents.collection(name).delete({ workspaceId }, { erase: true });
  return { collections: names.length };
}

import type { DocumentStore } from '../ports/document-store';
import type { GraphTemplate } from './graph-templates';

/** A synced template: one name in one language of one WhatsApp Business Account. */
export interface TemplateRecord extends Omit<GraphTemplate, 'id'> {
  /** `${wabaId}/${name}/${language}`. */
  id: string;
  /** Meta's template id. */
  metaId: string;
  workspaceId: string;
  wabaId: string;
  syncedAt: number;
  updatedAt: number;
}

export interface TemplateRepository {
  list(workspaceId: string): Promise<TemplateRecord[]>;
  /** Replaces what is stored for `wabaId` with what Meta listed; answers how many are stored. */
  replaceAll(workspaceId: string, wabaId: string, templates: GraphTemplate[], now: number): Promise<number>;
  /** Stores one template (a submitted one, before the next sync). */
  save(workspaceId: string, wabaId: string, template: GraphTemplate, now: number): Promise<TemplateRecord>;
  /** Applies a status webhook; false when no synced template matches. */
  setStatus(
    workspaceId: string,
    change: { wabaId: string; id?: string; name?: string; language?: string; status: string },
    now: number,
  ): Promise<boolean>;
}

/** Templates on the document store (`templates`). */
export function createTemplateRepository(documents: DocumentStore): TemplateRepository {
  const templates = documents.collection<TemplateRecord>('templates');
  const save = (workspaceId: string, wabaId: string, template: GraphTemplate, now: number) => {
    const { id: metaId, ...rest } = template;
    const id = `${wabaId}/${template.name}/${template.language}`;
    return templates.upsert({ ...rest, id, metaId, workspaceId, wabaId, syncedAt: now, updatedAt: now });
  };
  return {
    save,
    list: (workspaceId) => templates.find({ workspaceId }, { sort: { name: 1, language: 1 } }),
    async replaceAll(workspaceId, wabaId, listed, now) {
      const keys = new Set<string>();
      for (const template of listed) {
        keys.add((await save(workspaceId, wabaId, template, now)).id);
      }
      // Templates deleted at Meta are deleted here too.
      for (const stale of await templates.find({ workspaceId, wabaId })) {
        if (!keys.has(stale.id)) await templates.delete({ workspaceId, id: stale.id });
      }
      return keys.size;
    },
    async setStatus(workspaceId, change, now) {
      const found =
        (change.id ? await templates.findOne({ workspaceId, wabaId: change.wabaId, metaId: change.id }) : undefined) ??
        (change.name && change.language
          ? await templates.findOne({ workspaceId, id: `${change.wabaId}/${change.name}/${change.language}` })
          : undefined);
      if (!found) return false;
      await templates.upsert({ ...found, status: change.status, updatedAt: now });
      return true;
    },
  };
}

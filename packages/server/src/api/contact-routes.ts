import type { SessionStore } from '../ports/session-store';
import type { Records } from '../records/records';
import { callerOf } from '../security/require-auth';
import { type ContactDataDeps, deleteContactData, exportContactData } from './contact-data';
import { HttpError } from './http-error';
import { contactView } from './record-views';
import { param, type RouteSpec } from './route-spec';

export interface ContactRouteDeps extends ContactDataDeps {
  records: Records;
  sessions: SessionStore;
  now?: () => number;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const notFound = { description: 'No contact with this id', schema: ref('Error') };

/** Contacts: read one, export everything kept about them, delete everything kept about them. */
export function contactRoutes(deps: ContactRouteDeps): RouteSpec[] {
  const { records } = deps;
  const now = deps.now ?? Date.now;
  const existing = async (workspaceId: string, id: string) => {
    const contact = await records.contacts.get(workspaceId, id);
    if (!contact) throw new HttpError(404, `contact "${id}" not found`, { path: 'id' });
    return contact;
  };
  return [
    {
      method: 'get',
      path: '/contacts/:id',
      tag: 'contacts',
      summary: 'Get a contact',
      responses: { 200: { description: 'The contact (without their number)', schema: ref('Contact') }, 404: notFound },
      handler: async (req, res) => {
        res.json(contactView(await existing(callerOf(res).workspaceId, param(req, 'id'))));
      },
    },
    {
      method: 'get',
      path: '/contacts/:id/export',
      tag: 'contacts',
      summary: 'Export all data kept about a contact (conversations, transcripts, variables, orders, what the AI remembers)',
      responses: { 200: { description: 'Everything about the contact, as an attachment', schema: ref('ContactExport') }, 404: notFound },
      handler: async (req, res) => {
        const { workspaceId } = callerOf(res);
        const contact = await existing(workspaceId, param(req, 'id'));
        res.attachment(`contact-${contact.id}.json`).json(await exportContactData(deps, workspaceId, contact, now()));
      },
    },
    {
      method: 'delete',
      path: '/contacts/:id',
      tag: 'contacts',
      summary: 'Delete all data kept about a contact',
      responses: { 204: { description: 'Deleted: contact, conversations, messages, orders, AI memory and session state' }, 404: notFound },
      handler: async (req, res) => {
        const { workspaceId, actor } = callerOf(res);
        const contact = await existing(workspaceId, param(req, 'id'));
        const deleted = await deleteContactData(deps, workspaceId, contact);
        // The audit keeps that it happened and how much went, never who it was.
        await records.audit.record(workspaceId, 'contact.delete', { actor, contactId: contact.id, ...deleted }, now());
        res.status(204).end();
      },
    },
  ];
}

import type { SessionStore } from '../ports/session-store';
import type { ContactCorrection } from '../records/contact-repository';
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

/**
 * A number as people write it, `+1 555 123-4567`: its digits are the WhatsApp address. An
 * unencoded `+` in a query string arrives as a space, so a leading space stands for it.
 */
const PHONE_NUMBER = '^[+ ]?[0-9][0-9 ().-]{4,30}$';

/**
 * Contacts: find them by number, read one, correct their name and attributes, export everything
 * kept about them, delete everything kept about them.
 */
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
      path: '/contacts',
      tag: 'contacts',
      summary: 'Find contacts by phone number (one per business number they wrote to)',
      query: { address: { schema: { type: 'string', pattern: PHONE_NUMBER }, description: 'The number, e.g. +15551234567' } },
      responses: { 200: { description: 'The contacts with this number (without it)', schema: { type: 'array', items: ref('Contact') } } },
      handler: async (req, res) => {
        const address = req.query.address;
        if (typeof address !== 'string') throw new HttpError(400, 'query parameter address is required', { path: 'address' });
        const found = await records.contacts.findByAddress(callerOf(res).workspaceId, address.replace(/\D/g, ''));
        res.json(found.map(contactView));
      },
    },
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
    // PUT is the name the contract uses; PATCH stays for existing callers. Both change only the fields sent.
    ...(['put', 'patch'] as const).map(
      (method): RouteSpec => ({
        method,
        path: '/contacts/:id',
        tag: 'contacts',
        summary: "Update a contact's name, tags, attributes, blocking and opt-in",
        body: ref('ContactCorrection'),
        responses: { 200: { description: 'The updated contact', schema: ref('Contact') }, 404: notFound },
        handler: async (req, res) => {
          const { workspaceId, actor } = callerOf(res);
          const correction = req.body as ContactCorrection;
          const contact = await records.contacts.correct(workspaceId, param(req, 'id'), correction, now());
          if (!contact) throw new HttpError(404, `contact "${param(req, 'id')}" not found`, { path: 'id' });
          // Which fields changed, not what they now say: the audit holds no personal data.
          await records.audit.record(
            workspaceId,
            'contact.update',
            { actor, contactId: contact.id, fields: Object.keys(correction) },
            now(),
          );
          res.json(contactView(contact));
        },
      }),
    ),
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

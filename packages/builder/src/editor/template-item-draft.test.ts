import { describe, expect, it } from 'vitest';
import { templateItemDraft } from './template-item-draft';

const template = {
  name: 'order_update',
  language: 'en_US',
  status: 'APPROVED',
  components: [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Hi {{1}}, order {{2}}' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Track', url: 'https://x.example/{{1}}' },
        { type: 'QUICK_REPLY', text: 'Other' },
        { type: 'PHONE_NUMBER', text: 'Call' },
      ],
    },
  ],
};

describe('templateItemDraft', () => {
  it('asks for a value per placeholder, the header media, URL suffixes, and makes quick replies exits', () => {
    expect(templateItemDraft(template)).toEqual({
      name: 'order_update',
      language: 'en_US',
      params: ['', ''],
      header: { type: 'image' },
      buttons: [
        { index: 0, type: 'url', text: '' },
        { index: 1, type: 'quick_reply', id: 'other-reply', label: 'Other' },
      ],
    });
  });

  it('keeps what was typed for the same template, and names named parameters', () => {
    const kept = templateItemDraft(template, { name: 'order_update', language: 'en_US', params: ['{{contact.name}}'] });
    expect(kept.params).toEqual(['{{contact.name}}', '']);
    const named = templateItemDraft({ ...template, components: [{ type: 'BODY', text: 'Hi {{first_name}}' }] });
    expect(named).toEqual({ name: 'order_update', language: 'en_US', namedParams: { first_name: '' } });
  });
});

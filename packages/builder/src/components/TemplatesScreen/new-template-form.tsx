import { useState } from 'react';
import type { TemplateInput } from '../../api/templates-api';
import { useAutoFocus } from '../../hooks/use-auto-focus';
import { useFormSubmit } from '../../hooks/use-form-submit';
import { FormActions } from '../FormActions';

interface NewTemplateFormProps {
  onSubmit: (input: TemplateInput) => Promise<void>;
  onCancel: () => void;
}

const NAME = /^[a-z0-9_]{1,512}$/;

/** Submits a template to Meta for review: name, language, category, body and quick-reply buttons. */
export function NewTemplateForm({ onSubmit, onCancel }: NewTemplateFormProps) {
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('en_US');
  const [category, setCategory] = useState<TemplateInput['category']>('UTILITY');
  const [body, setBody] = useState('');
  const [buttons, setButtons] = useState('');
  const first = useAutoFocus<HTMLInputElement>();
  const form = useFormSubmit(
    () => {
      if (!NAME.test(name)) return 'A name is lower-case letters, digits and _, e.g. order_shipped.';
      return body.trim() ? undefined : 'Enter the body text.';
    },
    () => {
      const quickReplies = buttons
        .split(',')
        .map((text) => text.trim())
        .filter(Boolean);
      return onSubmit({
        name,
        language,
        category,
        components: [
          { type: 'BODY', text: body },
          ...(quickReplies.length ? [{ type: 'BUTTONS', buttons: quickReplies.map((text) => ({ type: 'QUICK_REPLY', text })) }] : []),
        ],
      });
    },
  );

  return (
    <form className="new-template" onSubmit={form.onSubmit} aria-label="New template">
      <div className="new-template-grid">
        <label>
          Name
          <input
            ref={first}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            placeholder="order_shipped"
            spellCheck={false}
          />
        </label>
        <label>
          Language
          <input value={language} onChange={(e) => setLanguage(e.target.value)} required spellCheck={false} />
        </label>
        <label>
          Category
          <select value={category} onChange={(e) => setCategory(e.target.value as TemplateInput['category'])}>
            <option value="UTILITY">Utility</option>
            <option value="MARKETING">Marketing</option>
            <option value="AUTHENTICATION">Authentication</option>
          </select>
        </label>
      </div>
      <label className="new-template-wide">
        Body
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={3} placeholder="Hi {{1}}, your order {{2}} has shipped." />
      </label>
      <label className="new-template-wide">
        Quick-reply buttons (comma-separated)
        <input value={buttons} onChange={(e) => setButtons(e.target.value)} placeholder="Track order, Talk to us" />
      </label>
      <FormActions form={form} submit="Submit for approval" busy="Submitting…" onCancel={onCancel} className="new-template-actions" />
    </form>
  );
}

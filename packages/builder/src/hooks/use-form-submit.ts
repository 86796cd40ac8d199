import { type FormEvent, useState } from 'react';

export interface FormSubmit {
  /** What the check refused, or what the server answered when sending failed. */
  error: string | undefined;
  saving: boolean;
  onSubmit: (event: FormEvent) => Promise<void>;
}

/**
 * A form's submit: `check` names what is missing or wrong (nothing is sent then), `send` sends;
 * while it runs the form is saving, and its failure becomes the form's error.
 *
 * @example
 * const form = useFormSubmit(() => (value ? undefined : 'Enter the value.'), () => onCreate(name, value));
 * <form onSubmit={form.onSubmit}>…<FormActions form={form} … /></form>
 */
export function useFormSubmit(check: () => string | undefined, send: () => Promise<void>): FormSubmit {
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = check();
    if (problem) return setError(problem);
    setSaving(true);
    setError(undefined);
    try {
      await send();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };
  return { error, saving, onSubmit };
}

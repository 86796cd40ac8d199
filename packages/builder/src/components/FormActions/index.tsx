import type { FormSubmit } from '../../hooks/use-form-submit';

interface FormActionsProps {
  form: Pick<FormSubmit, 'error' | 'saving'>;
  /** The submit button's words, and what it says while the form is sent. */
  submit: string;
  busy: string;
  onCancel: () => void;
  /** The class of the buttons' row, for the screen's layout. */
  className: string;
}

/** The end of a "new …" form on a business screen: its error, Cancel and the submit button. */
export function FormActions({ form, submit, busy, onCancel, className }: FormActionsProps) {
  return (
    <>
      {form.error ? (
        <p className="error-box" role="alert">
          {form.error}
        </p>
      ) : null}
      <div className={className}>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={form.saving}>
          {form.saving ? busy : submit}
        </button>
      </div>
    </>
  );
}

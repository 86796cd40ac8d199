import type { ReactNode } from 'react';

interface FieldFrameProps {
  id: string;
  label: string;
  required: boolean;
  description?: string | undefined;
  errors: readonly string[];
  /** Characters used of a maximum, e.g. a WhatsApp button label's 20. */
  counter?: { used: number; max: number } | undefined;
  /** The label beside the control (checkboxes) instead of above it. */
  inline?: boolean;
  children: ReactNode;
}

/** A field's label, help text, control, character count and problems. */
export function FieldFrame({ id, label, required, description, errors, counter, inline = false, children }: FieldFrameProps) {
  const labelNode = (
    <label htmlFor={id} className="field-label">
      {label}
      {required ? (
        <span className="field-required" title="Required">
          *
        </span>
      ) : null}
    </label>
  );
  return (
    <div className={`field${errors.length ? ' has-error' : ''}${inline ? ' is-inline' : ''}`}>
      {inline ? (
        <div className="field-inline">
          {children}
          {labelNode}
        </div>
      ) : (
        <div className="field-top">
          {labelNode}
          {counter ? (
            <span className={`field-counter${counter.used > counter.max ? ' is-over' : ''}`}>
              {counter.used}/{counter.max}
            </span>
          ) : null}
        </div>
      )}
      {description ? <p className="field-description">{description}</p> : null}
      {inline ? null : children}
      {errors.map((error) => (
        <p key={error} className="field-error" role="alert">
          {error}
        </p>
      ))}
    </div>
  );
}

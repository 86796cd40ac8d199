import { type RefObject, useEffect, useRef } from 'react';

/** A ref whose element takes the keyboard focus when it appears (the first field of a form). */
export function useAutoFocus<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

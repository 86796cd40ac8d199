import { useToasts } from '../../hooks/use-toasts';
import { toasts } from '../../notifications/toasts';
import './style.css';

/** The corner where toasts appear; click one to dismiss it. */
export function Toasts() {
  const list = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {list.map((toast) => (
        <button key={toast.id} type="button" className={`toast toast-${toast.kind}`} onClick={() => toasts.dismiss(toast.id)}>
          {toast.text}
        </button>
      ))}
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { NEXT_STATUSES, type OrderStatus } from '../../api/orders-api';
import { dateTime } from '../../business/date-time';
import { formatMoney } from '../../business/money';
import { fieldLabel, ORDER_STATUS_LABEL } from '../../business/order-status';
import { useOrder } from '../../hooks/use-order';
import { toasts } from '../../notifications/toasts';

interface OrderDetailProps {
  orderId: string;
  onChanged: () => void;
  onClose: () => void;
}

/** One order: lines and total, delivery details, contact, status history, and the next status. */
export function OrderDetail({ orderId, onChanged, onClose }: OrderDetailProps) {
  const { order, contact, error, setStatus } = useOrder(orderId);
  const [next, setNext] = useState<OrderStatus | ''>('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!next) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const updated = await setStatus(next, note.trim() || undefined);
      toasts.show('success', `Order #${updated?.number ?? ''} is now ${ORDER_STATUS_LABEL[next].label.toLowerCase()}`);
      setNext('');
      setNote('');
      onChanged();
    } catch (caught) {
      setSaveError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <aside className="order-detail" aria-label="Order detail">
      <header className="order-detail-head">
        <div>
          <h2>{order ? `Order #${order.number}` : 'Order'}</h2>
          {order ? <span className="muted">Placed {dateTime(order.createdAt)}</span> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close the order" onClick={onClose}>
          ✕
        </button>
      </header>
      {error ? <p className="error-box">Could not load the order: {error}</p> : null}
      {!order && !error ? <p className="muted">Loading…</p> : null}
      {order ? (
        <>
          <section className="order-section">
            <div className="order-status-now">
              <span className={`badge ${ORDER_STATUS_LABEL[order.status].badge}`} data-testid="order-status">
                {ORDER_STATUS_LABEL[order.status].label}
              </span>
            </div>
            {NEXT_STATUSES[order.status].length ? (
              <form className="order-status-form" onSubmit={submit}>
                <label htmlFor="order-next-status">Move to</label>
                <select id="order-next-status" value={next} onChange={(event) => setNext(event.target.value as OrderStatus | '')}>
                  <option value="">Choose a status…</option>
                  {NEXT_STATUSES[order.status].map((status) => (
                    <option key={status} value={status}>
                      {ORDER_STATUS_LABEL[status].label}
                    </option>
                  ))}
                </select>
                <input
                  aria-label="Note (optional)"
                  placeholder="Note (optional)"
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                />
                <button type="submit" className="button button-primary" disabled={!next || saving}>
                  {saving ? 'Saving…' : 'Update status'}
                </button>
              </form>
            ) : (
              <p className="muted">
                This order is {ORDER_STATUS_LABEL[order.status].label.toLowerCase()}; its status cannot change any more.
              </p>
            )}
            {saveError ? (
              <p className="error-box" role="alert">
                {saveError}
              </p>
            ) : null}
          </section>
          <section className="order-section">
            <h3>Items</h3>
            <table className="order-lines">
              <tbody>
                {order.lines.map((line) => (
                  <tr key={`${line.productId}/${line.variantId ?? ''}`}>
                    <td className="numeric">{line.quantity} ×</td>
                    <td>
                      {line.name}
                      {line.variant ? <span className="muted"> · {line.variant}</span> : null}
                      <div className="order-line-unit">{formatMoney(line.unitPrice, order.currency)} each</div>
                    </td>
                    <td className="numeric">{formatMoney(line.lineTotal, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td />
                  <td>Total</td>
                  <td className="numeric">{formatMoney(order.total, order.currency)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
          <section className="order-section">
            <h3>Delivery</h3>
            {Object.keys(order.delivery).length ? (
              <dl className="order-facts">
                {Object.entries(order.delivery).map(([name, value]) => (
                  <div key={name}>
                    <dt>{fieldLabel(name)}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="muted">No delivery details were collected.</p>
            )}
          </section>
          <section className="order-section">
            <h3>Contact</h3>
            <dl className="order-facts">
              <div>
                <dt>Name</dt>
                <dd>{contact?.name ?? <span className="muted">unknown</span>}</dd>
              </div>
              <div>
                <dt>Channel</dt>
                <dd>{contact ? (contact.channel.kind === 'whatsapp' ? 'WhatsApp' : 'Simulator') : '—'}</dd>
              </div>
              {contact?.optedOut ? (
                <div>
                  <dt>Messages</dt>
                  <dd>Opted out</dd>
                </div>
              ) : null}
              <div>
                <dt>Contact id</dt>
                <dd>
                  <code>{order.contactId}</code>
                </dd>
              </div>
            </dl>
          </section>
          <section className="order-section">
            <h3>History</h3>
            <ol className="order-history">
              {[...order.history].reverse().map((entry) => (
                <li key={`${entry.status}/${entry.at}`}>
                  <span className={`badge ${ORDER_STATUS_LABEL[entry.status].badge}`}>{ORDER_STATUS_LABEL[entry.status].label}</span>
                  <span className="muted">
                    {dateTime(entry.at)} · {entry.by === 'flow' ? 'by the bot' : `by ${entry.by}`}
                  </span>
                  {entry.note ? <p className="order-history-note">{entry.note}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </aside>
  );
}

import { useState } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '../../api/orders-api';
import { dateTime } from '../../business/date-time';
import { formatMoney } from '../../business/money';
import { ORDER_STATUS_LABEL } from '../../business/order-status';
import { navigateBusiness } from '../../hooks/use-business-route';
import { useOrders } from '../../hooks/use-orders';
import { OrderDetail } from './order-detail';
import './style.css';

interface OrdersScreenProps {
  /** The order open beside the list (from the address). */
  orderId?: string | undefined;
}

/** Orders the flows captured, filtered by status, with the open order's detail beside the list. */
export function OrdersScreen({ orderId }: OrdersScreenProps) {
  const [status, setStatus] = useState<OrderStatus>();
  const orders = useOrders(status);

  return (
    <div className={`orders-layout${orderId ? ' has-detail' : ''}`}>
      <main className="business-main orders">
        <div className="business-head">
          <div>
            <h1>Orders</h1>
            <p className="muted">
              Orders customers placed in your WhatsApp flows. Open one to see its lines and delivery details and move it along.
            </p>
          </div>
          <button type="button" className="button" onClick={orders.reload}>
            ↻ Refresh
          </button>
        </div>
        <div className="status-filter">
          {[undefined, ...ORDER_STATUSES].map((value) => (
            <button
              key={value ?? 'all'}
              type="button"
              aria-pressed={status === value}
              className={`filter-chip${status === value ? ' is-active' : ''}`}
              onClick={() => setStatus(value)}
            >
              {value ? ORDER_STATUS_LABEL[value].label : 'All'}
            </button>
          ))}
        </div>
        {orders.error ? <p className="error-box">Could not load the orders: {orders.error}</p> : null}
        {orders.list === undefined && !orders.error ? <p className="muted">Loading…</p> : null}
        {orders.list?.length === 0 ? (
          <div className="business-empty">
            <p>{status ? `No ${ORDER_STATUS_LABEL[status].label.toLowerCase()} orders.` : 'No orders yet.'}</p>
            {status ? null : <p className="muted">Orders appear here when customers confirm a cart in a flow with an order node.</p>}
          </div>
        ) : null}
        {orders.list && orders.list.length > 0 ? (
          <table className="data-table orders-table">
            <thead>
              <tr>
                <th>Order</th>
                <th>Placed</th>
                <th>Items</th>
                <th className="numeric">Total</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.list.map((order) => (
                <tr
                  key={order.id}
                  className={`is-clickable${order.id === orderId ? ' is-selected' : ''}`}
                  data-testid="order-row"
                  onClick={() => navigateBusiness({ page: 'orders', id: order.id })}
                >
                  <td>
                    <a className="order-number" href={`#/orders/${encodeURIComponent(order.id)}`}>
                      #{order.number}
                    </a>
                  </td>
                  <td>{dateTime(order.createdAt)}</td>
                  <td className="order-items">{order.lines.map((line) => `${line.quantity} × ${line.name}`).join(', ')}</td>
                  <td className="numeric">{formatMoney(order.total, order.currency)}</td>
                  <td>
                    <span className={`badge ${ORDER_STATUS_LABEL[order.status].badge}`}>{ORDER_STATUS_LABEL[order.status].label}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </main>
      {orderId ? (
        <OrderDetail key={orderId} orderId={orderId} onChanged={orders.reload} onClose={() => navigateBusiness({ page: 'orders' })} />
      ) : null}
    </div>
  );
}

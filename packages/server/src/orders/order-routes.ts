import { iso, param, type RouteSpec } from '../api/route-spec';
import type { JsonSchema } from '../api/schema-checker';
import { decimalText } from '../catalog/money';
import { callerOf } from '../security/require-auth';
import { ORDER_STATUSES, type OrderRecord, type OrderStatus } from './order';
import type { OrderService } from './order-service';

const error = { $ref: '#/components/schemas/Error' };
const status = { enum: [...ORDER_STATUSES] };
const orderSchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'number',
    'status',
    'conversationId',
    'contactId',
    'lines',
    'currency',
    'total',
    'totalMinor',
    'delivery',
    'history',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string' },
    number: { type: 'integer', description: 'Sequential per workspace, from 1' },
    status,
    conversationId: { type: 'string' },
    contactId: { type: 'string' },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        required: ['productId', 'name', 'quantity', 'unitPrice', 'unitPriceMinor', 'lineTotal', 'lineTotalMinor'],
        properties: {
          productId: { type: 'string' },
          name: { type: 'string' },
          variant: { type: 'string' },
          variantId: { type: 'string' },
          quantity: { type: 'integer' },
          unitPrice: { type: 'string', description: 'Exact decimal in major units, e.g. "12.50"' },
          unitPriceMinor: { type: 'integer' },
          lineTotal: { type: 'string' },
          lineTotalMinor: { type: 'integer' },
        },
      },
    },
    currency: { type: 'string' },
    total: { type: 'string', description: 'Exact decimal in major units, e.g. "28.50"' },
    totalMinor: { type: 'integer', description: 'The total in minor units (cents)' },
    delivery: { type: 'object', additionalProperties: { type: 'string' } },
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['status', 'at', 'by'],
        properties: { status, at: { type: 'string', format: 'date-time' }, by: { type: 'string' }, note: { type: 'string' } },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

/** An order as the API shows it: amounts as exact decimal text and as integer minor units. */
export function orderView(order: OrderRecord) {
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    conversationId: order.conversationId,
    contactId: order.contactId,
    lines: order.lines.map((line) => ({
      productId: line.productId,
      name: line.name,
      ...(line.variant ? { variant: line.variant } : {}),
      ...(line.variantId ? { variantId: line.variantId } : {}),
      quantity: line.quantity,
      unitPrice: decimalText(line.unitPriceMinor, order.currency),
      unitPriceMinor: line.unitPriceMinor,
      lineTotal: decimalText(line.lineTotalMinor, order.currency),
      lineTotalMinor: line.lineTotalMinor,
    })),
    currency: order.currency,
    total: decimalText(order.totalMinor, order.currency),
    totalMinor: order.totalMinor,
    delivery: order.delivery,
    history: order.history.map((entry) => ({ ...entry, at: iso(entry.at) })),
    createdAt: iso(order.createdAt),
    updatedAt: iso(order.updatedAt),
  };
}

/** Orders the flows captured: list, get, and move along new → confirmed → preparing → shipped → delivered (or cancelled). */
export function orderRoutes(orders: OrderService): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/orders',
      tag: 'orders',
      summary: 'List orders, newest first',
      query: {
        status: { schema: status, description: 'Only orders in this status' },
        contactId: { schema: { type: 'string', minLength: 1 }, description: "Only this contact's orders" },
        conversationId: { schema: { type: 'string', minLength: 1 }, description: "Only this conversation's orders" },
        limit: { schema: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' }, description: 'At most this many (1 to 999, default 100)' },
      },
      responses: { 200: { description: 'Orders', schema: { type: 'array', items: orderSchema } } },
      handler: async (req, res) => {
        const q = req.query as { status?: OrderStatus; contactId?: string; conversationId?: string; limit?: string };
        const list = await orders.list(callerOf(res).workspaceId, {
          ...(q.status ? { status: q.status } : {}),
          ...(q.contactId ? { contactId: q.contactId } : {}),
          ...(q.conversationId ? { conversationId: q.conversationId } : {}),
          limit: q.limit ? Number(q.limit) : 100,
        });
        res.json(list.map(orderView));
      },
    },
    {
      method: 'get',
      path: '/orders/:id',
      tag: 'orders',
      summary: 'Get an order with its lines, delivery details and status history',
      responses: { 200: { description: 'The order', schema: orderSchema }, 404: { description: 'No such order', schema: error } },
      handler: async (req, res) => {
        res.json(orderView(await orders.get(callerOf(res).workspaceId, param(req, 'id'))));
      },
    },
    {
      method: 'put',
      path: '/orders/:id/status',
      tag: 'orders',
      summary: 'Move an order to a new status (forward, or cancelled before it ships)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['status'],
        properties: { status, note: { type: 'string', maxLength: 1000 } },
      },
      responses: {
        200: { description: 'The updated order', schema: orderSchema },
        404: { description: 'No such order', schema: error },
        409: { description: 'The order cannot move to that status', schema: error },
      },
      handler: async (req, res) => {
        const body = req.body as { status: OrderStatus; note?: string };
        const caller = callerOf(res);
        res.json(orderView(await orders.setStatus(caller.workspaceId, param(req, 'id'), body.status, caller.actor, body.note)));
      },
    },
  ];
}

/**
 * WhatsApp Cloud API limits that node checks enforce at design time (see the Cloud API reference,
 * "Interactive messages"). The server's channel applies the same limits when it sends.
 */
export const WHATSAPP_LIMITS = {
  buttons: 3,
  buttonTitle: 20,
  buttonBody: 1024,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
} as const;

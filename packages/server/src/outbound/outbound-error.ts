/**
 * Why an outbound call failed, in words an admin can act on ("host 10.0.0.5 is a private address").
 * Its message is shown in the test chat and stored with the conversation, so it never carries a
 * stack, a socket error's internals or anything the flow did not already hold.
 */
export class OutboundError extends Error {
  override name = 'OutboundError';
}

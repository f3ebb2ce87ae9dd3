import type { ReplySender } from './delivery-error.ts';

/** An outbound call the agent made and logged: nothing to send, it is sent as it is recorded. */
export const phoneCallLog: ReplySender = {
  idempotent: true,
  async send(reply) {
    return { providerMessageId: `call-log:${reply.replyId}` };
  },
};

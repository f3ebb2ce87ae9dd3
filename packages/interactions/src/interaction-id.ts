import { createHash } from 'node:crypto';

// RFC 4122 name-based UUIDs (version 5, SHA-1) in a namespace of the hub's own, so the same
// provider message always gets the same interaction id, whichever process or retry derives it.
const HUB_NAMESPACE = '5b0c1f3e-6a2d-4e8f-9c71-0d2b4a6e8f10';

// Every interaction derives several ids: parse each namespace once.
const namespaceBytes = new Map<string, Buffer>();
const bytesOf = (namespace: string): Buffer => {
  let bytes = namespaceBytes.get(namespace);
  if (!bytes) {
    bytes = Buffer.from(namespace.replaceAll('-', ''), 'hex');
    namespaceBytes.set(namespace, bytes);
  }
  return bytes;
};

export function uuidV5(name: string, namespace: string = HUB_NAMESPACE): string {
  const hash = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The interaction's id: from the channel, the system that reported it and that system's own id
 * for it (Message-ID, CallSid, update_id, ...). A redelivered webhook gets the same id.
 */
export const interactionId = (channel: string, system: string, externalId: string): string =>
  uuidV5(`interaction:${channel}:${system}:${externalId}`);

/** The conversation an interaction belongs to, from the provider's thread key. */
export const conversationId = (channel: string, threadKey: string): string =>
  uuidV5(`conversation:${channel}:${threadKey}`);

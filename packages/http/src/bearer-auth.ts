import { HubError } from '@hub/errors';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from './secrets.ts';

/**
 * Admits a request only with `Authorization: Bearer <token>`. Register it as an `onRequest` hook:
 * it then refuses before the body is read, so an unauthenticated client cannot make us buffer it.
 */
export const requireBearer =
  (token: string, realm: string) =>
  async (request: FastifyRequest): Promise<void> => {
    const header = request.headers.authorization;
    const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!secretsEqual(presented, token)) {
      throw new HubError('UNAUTHENTICATED', `a valid bearer token for ${realm} is required`);
    }
  };

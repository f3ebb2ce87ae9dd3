import { randomUUID } from 'node:crypto';
import type { Principal } from '@hub/access';
import { createInMemoryEventStore } from '@hub/event-store';
import { encodeEvent, teamStream } from '@hub/events';
import type { LiveNotification } from '@hub/live-updates';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createLiveAudience } from './live-audience.ts';

const admin = { kind: 'system', process: 'test' } as const;
const user = (userId: string, role: Principal['role']): Principal => ({
  kind: 'user',
  userId,
  role,
  actor: { kind: 'agent', userId },
  sessionDigest: 'x',
});
const about = (teamId?: string): LiveNotification => ({
  id: '1/1',
  type: 'ConversationNoteAdded',
  streamId: 'conversation-1',
  revision: 3,
  occurredAt: new Date().toISOString(),
  about: { conversationId: '1', ...(teamId ? { teamId } : {}) },
});
const member = (type: 'TeamMemberAdded' | 'TeamMemberRemoved', userId: string) =>
  encodeEvent({ type, data: { teamId: 'sales', userId, actor: admin } }, { id: randomUUID(), occurredAt: new Date() });

test('a team’s conversation reaches its members, supervisors and admins; one in no team reaches everyone', async () => {
  const store = createInMemoryEventStore();
  await store.appendToStream(teamStream('sales'), [member('TeamMemberAdded', 'maryam')]);
  const audience = createLiveAudience(store);
  const maySee = async (principal: Principal, notification: LiveNotification) => audience(principal)(notification);
  assert.is(await maySee(user('maryam', 'agent'), about('sales')), true);
  assert.is(await maySee(user('reza', 'agent'), about('sales')), false);
  assert.is(await maySee(user('nika', 'analyst'), about('sales')), false);
  assert.is(await maySee(user('sima', 'supervisor'), about('sales')), true);
  assert.is(await maySee(user('root', 'admin'), about('sales')), true);
  assert.is(await maySee(user('reza', 'agent'), about()), true);
  const integration: Principal = { kind: 'token', tokenId: 't', role: 'agent', actor: admin };
  assert.is(await maySee(integration, about('sales')), false, 'an agent token belongs to no team');
});

test('a member who leaves stops seeing the team’s events once the members are read again', async () => {
  const store = createInMemoryEventStore();
  await store.appendToStream(teamStream('sales'), [member('TeamMemberAdded', 'maryam')]);
  let now = 0;
  const maySee = createLiveAudience(store, () => now)(user('maryam', 'agent'));
  assert.is(await maySee(about('sales')), true);
  await store.appendToStream(teamStream('sales'), [member('TeamMemberRemoved', 'maryam')]);
  now += 2_500;
  assert.is(await maySee(about('sales')), false);
});

test.run();

import { waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  closeImapTestContext,
  type ImapTestContext,
  imapId,
  newFolder,
  newPoller,
  openImapTestContext,
  samples,
} from './imap-poller.testkit.ts';

const { persian, arabic, invoice, reply, japanese } = samples;
const resume = suite<ImapTestContext>('the IMAP poller resumes from its SQL checkpoint without gaps or duplicates');
resume.before(openImapTestContext);
resume.after(closeImapTestContext);

resume('after an outage a new poller instance imports exactly the messages that came meanwhile', async (context) => {
  const folder = await newFolder(context.client, [persian.raw, []], [arabic.raw, ['\\Seen']]);
  const first = newPoller(context, folder);
  first.poller.start(100);
  await waitFor(async () => (first.intake.accepted.length === 2 ? true : undefined), {
    timeoutMs: 10_000,
    what: 'the first import',
  });
  await first.poller.stop();
  await first.close();

  await context.client.append(folder, invoice.raw, []);
  await context.client.append(folder, reply.raw, ['\\Seen']);
  await context.client.append(folder, japanese.raw, []);
  const second = newPoller(context, folder);
  try {
    const [resumed] = await second.poller.pollOnce();
    assert.is(resumed?.imported, 3);
    assert.equal(second.ids(), [imapId(invoice.messageId), imapId(reply.messageId), imapId(japanese.messageId)]);
    assert.is(new Set([...first.ids(), ...second.ids()]).size, 5, 'five messages, five interactions, once each');
  } finally {
    await second.close();
  }
});

resume(
  'the intake down: the poll fails, the checkpoint stays before the message, the next poll imports it',
  async (context) => {
    const folder = await newFolder(context.client, [persian.raw, []]);
    const poller = newPoller(context, folder);
    try {
      await poller.poller.pollOnce();
      await context.client.append(folder, invoice.raw, []);
      poller.intake.failWith(new Error('broker not available'));
      const failed = await poller.poller.pollOnce().then(
        () => undefined,
        (error: Error) => error,
      );
      assert.match(failed?.message ?? 'the poll succeeded', /broker not available/);
      const { uidValidity } = await context.client.openFolder(folder, { readOnly: true });
      const account = `${context.connection.user}@${context.connection.host}:${context.connection.port}`;
      assert.equal(await poller.checkpoints.read(account, folder), { uidValidity, lastUid: 1 });
      poller.intake.failWith(undefined);
      const [retried] = await poller.poller.pollOnce();
      assert.is(retried?.imported, 1);
      assert.equal(poller.ids(), [imapId(persian.messageId), imapId(invoice.messageId)]);
    } finally {
      await poller.close();
    }
  },
);

resume('a UIDVALIDITY change imports the folder again; known messages keep their ids', async (context) => {
  const folder = await newFolder(context.client, [persian.raw, []], [arabic.raw, []]);
  const { poller, ids, close } = newPoller(context, folder);
  try {
    await poller.pollOnce();
    // A restored or rebuilt mailbox: same name, new UIDVALIDITY, UIDs counted from 1 again.
    await context.client.deleteFolder(folder);
    await context.client.createFolder(folder);
    for (const { raw } of [persian, arabic, reply]) await context.client.append(folder, raw, []);
    const [again] = await poller.pollOnce();
    assert.equal(again, { folder, imported: 3, unparseable: 0, lastUid: 3, uidValidityChanged: true });
    assert.is(ids().length, 5);
    assert.is(new Set(ids()).size, 3, 'the two known messages came again with the same ids; the writer drops them');
  } finally {
    await close();
  }
});

resume.run();

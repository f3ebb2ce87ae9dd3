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

const { persian, arabic, invoice, reply } = samples;
const imap = suite<ImapTestContext>('the IMAP poller imports a mailbox once, changing nothing on the server');
imap.before(openImapTestContext);
imap.after(closeImapTestContext);

imap('read and unread messages are imported once; a second poll imports nothing; flags untouched', async (context) => {
  const folder = await newFolder(
    context.client,
    [persian.raw, []],
    [arabic.raw, ['\\Seen']],
    [invoice.raw, ['\\Seen', '\\Flagged']],
  );
  const before = await context.client.flagsByUid(folder);
  const { poller, intake, ids, close } = newPoller(context, folder);
  try {
    const [first] = await poller.pollOnce();
    assert.equal(first, { folder, imported: 3, unparseable: 0, lastUid: 3, uidValidityChanged: false });
    assert.equal(ids(), [imapId(persian.messageId), imapId(arabic.messageId), imapId(invoice.messageId)]);
    assert.ok(intake.accepted[0]?.raw.body.equals(persian.raw), 'the message bytes as stored on the server');
    const [second] = await poller.pollOnce();
    assert.is(second?.imported, 0);
    assert.is(intake.accepted.length, 3);
  } finally {
    await close();
  }
  const after = await context.client.flagsByUid(folder);
  assert.equal([...after.entries()], [...before.entries()], 'no \\Seen added, nothing deleted');
  assert.equal(after.get(1), [], 'the unread message is still unread');
});

imap('an unparseable message is recorded as a parse failure and does not block the folder', async (context) => {
  const notMail = Buffer.from('Subject: no sender\r\n\r\nhello\r\n');
  const folder = await newFolder(context.client, [notMail, []], [reply.raw, []]);
  const { poller, intake, close } = newPoller(context, folder);
  try {
    const [result] = await poller.pollOnce();
    assert.equal(result, { folder, imported: 1, unparseable: 1, lastUid: 2, uidValidityChanged: false });
    assert.is(intake.parseFailures.length, 1);
    assert.ok(intake.parseFailures[0]?.raw.body.equals(notMail));
  } finally {
    await close();
  }
});

imap('markSeen and deleteAfterImport act only when configured', async (context) => {
  const seen = await newFolder(context.client, [persian.raw, []], [arabic.raw, []]);
  const marking = newPoller(context, seen, { markSeen: true });
  await marking.poller.pollOnce().finally(marking.close);
  assert.equal([...(await context.client.flagsByUid(seen)).values()], [['\\Seen'], ['\\Seen']]);
  const deleting = await newFolder(context.client, [persian.raw, []], [arabic.raw, []]);
  const cleaner = newPoller(context, deleting, { deleteAfterImport: true });
  await cleaner.poller.pollOnce().finally(cleaner.close);
  assert.is((await context.client.flagsByUid(deleting)).size, 0);
  assert.is(cleaner.intake.accepted.length, 2);
});

imap.run();

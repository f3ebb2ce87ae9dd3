import { readFileSync } from 'node:fs';
import { createInMemoryAttachmentStore, createRecordingIntake, interactionId } from '@hub/interactions';
import { silentLogger } from '@hub/logger';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { defaultIngestSettings } from '../ingest-settings.ts';
import { type SmtpListenerOptions, startSmtpListener } from './smtp-listener.ts';
import { sendFailure, smtpSender } from './smtp-sender.testkit.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../packages/channels/src/email/fixtures/${name}`, import.meta.url));
const envelope = { from: 'sara.rezaei@example.ir', to: ['support@hub.example'] };

async function listen(options: Partial<Omit<SmtpListenerOptions, 'deps'>> = {}) {
  const intake = createRecordingIntake();
  const attachments = createInMemoryAttachmentStore();
  const deps = {
    intake,
    attachments,
    logger: silentLogger(),
    now: () => new Date('2026-11-23T09:00:00Z'),
    settings: { ...defaultIngestSettings, channelToken: 'unused' },
  };
  const listener = await startSmtpListener({ port: 0, deps, ...options });
  const sender = smtpSender(listener.port);
  return {
    intake,
    attachments,
    sender,
    stop: async () => {
      sender.close();
      await listener.stop();
    },
  };
}

const smtp = suite('the SMTP listener takes mail from a sending MTA (nodemailer over TCP)');

smtp('a delivered message: 250 only after the intake accepted it, bytes intact', async () => {
  const { intake, sender, stop } = await listen();
  try {
    const raw = fixture('persian-alternative.eml');
    const info = await sender.sendMail({ envelope, raw });
    const id = interactionId('email', 'mta', '<f3a1c9e2-7b4d-4a51-9d0e-1c2b3a4d5e6f@mail.example.ir>');
    assert.match(info.response, new RegExp(`^250 .*${id}`));
    assert.is(intake.accepted.length, 1);
    assert.ok(intake.accepted[0]?.raw.body.equals(raw), 'the message as sent, dot-stuffing undone');
    assert.is(intake.accepted[0]?.interactions[0]?.contact.displayName, 'سارا رضایی');
  } finally {
    await stop();
  }
});

smtp('the intake failing: 451, a temporary failure the MTA retries; nothing accepted', async () => {
  const { intake, sender, stop } = await listen();
  try {
    intake.failWith(new Error('broker not available'));
    const failure = await sendFailure(sender.sendMail({ envelope, raw: fixture('reply-thread.eml') }));
    assert.is(failure.responseCode, 451);
    assert.match(failure.response, /^451 4\.\d\.\d .*try again later/);
    assert.is(intake.accepted.length, 0);
    intake.failWith(undefined);
    await sender.sendMail({ envelope, raw: fixture('reply-thread.eml') });
    assert.is(intake.accepted.length, 1, 'the retry goes through');
  } finally {
    await stop();
  }
});

smtp('an unparseable message: recorded as a parse failure, then 550', async () => {
  const { intake, sender, stop } = await listen();
  try {
    const failure = await sendFailure(sender.sendMail({ envelope, raw: 'Subject: no sender\r\n\r\nhello\r\n' }));
    assert.is(failure.responseCode, 550);
    assert.match(failure.response, /From header is missing/);
    assert.is(intake.parseFailures.length, 1);
    assert.is(intake.accepted.length, 0);
  } finally {
    await stop();
  }
});

smtp('a message over the SIZE limit: 552, nothing recorded', async () => {
  const raw = fixture('pdf-attachment.eml');
  const { intake, sender, stop } = await listen({ maxMessageBytes: raw.length - 100 });
  try {
    const failure = await sendFailure(sender.sendMail({ envelope, raw }));
    assert.is(failure.responseCode, 552);
    assert.is(intake.accepted.length + intake.parseFailures.length, 0);
  } finally {
    await stop();
  }
});

smtp('recipients outside smtpRecipientDomains and clients not allowed are refused', async () => {
  const domains = await listen({ recipientDomains: ['hub.example'] });
  try {
    const failure = await sendFailure(
      domains.sender.sendMail({
        envelope: { ...envelope, to: ['someone@elsewhere.example'] },
        raw: fixture('reply-thread.eml'),
      }),
    );
    assert.is(failure.responseCode, 550);
    await domains.sender.sendMail({
      envelope: { ...envelope, to: ['Support@HUB.example'] },
      raw: fixture('reply-thread.eml'),
    });
    assert.is(domains.intake.accepted.length, 1);
  } finally {
    await domains.stop();
  }
  const clients = await listen({ allowedClients: ['192.0.2.25'] });
  try {
    const failure = await sendFailure(clients.sender.sendMail({ envelope, raw: fixture('reply-thread.eml') }));
    assert.is(failure.responseCode, 554);
    assert.is(clients.intake.accepted.length, 0);
  } finally {
    await clients.stop();
  }
});

smtp.run();

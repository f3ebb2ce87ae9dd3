import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseSample, readFixture } from './fixtures/email-fixtures.ts';

const attachments = suite('attachments are stored content-addressed and described in the details');
const pdf = readFixture('invoice-2026-117.pdf');
const pdfSha256 = createHash('sha256').update(pdf).digest('hex');

attachments('a PDF: bytes in the store under their sha256, metadata in the details', async () => {
  const { details, attachments: store, interaction } = await parseSample(readFixture('pdf-attachment.eml'));
  assert.equal(details.attachments, [
    { fileName: 'invoice 2026-117.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, sha256: pdfSha256 },
  ]);
  assert.equal(details.attachmentsNotStored, []);
  const stored = await store.get(pdfSha256);
  assert.ok(stored?.bytes.equals(pdf), 'the decoded bytes, not the base64');
  assert.is(stored?.contentType, 'application/pdf');
  assert.match(interaction.text, /The amount was charged twice/);
});

attachments('over maxAttachmentBytes: described with the same sha256, listed as not stored, message kept', async () => {
  const {
    details,
    attachments: store,
    interaction,
  } = await parseSample(readFixture('pdf-attachment.eml'), {
    maxAttachmentBytes: pdf.length - 1,
  });
  assert.is(details.attachments[0]?.sha256, pdfSha256);
  assert.is(details.attachments[0]?.sizeBytes, pdf.length);
  assert.equal(details.attachmentsNotStored, [pdfSha256]);
  assert.is(store.size, 0);
  assert.match(interaction.text, /charged twice/, 'the customer is still heard');
});

attachments('exactly at the limit is stored', async () => {
  const { attachments: store } = await parseSample(readFixture('pdf-attachment.eml'), {
    maxAttachmentBytes: pdf.length,
  });
  assert.is(store.size, 1);
});

attachments.run();

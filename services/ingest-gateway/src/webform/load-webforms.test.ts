import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadWebForms, parseWebForms } from './load-webforms.ts';

const contact = {
  id: 'contact',
  fields: { email: 'email', phone: 'mobile', name: 'full_name', message: 'message' },
  honeypot: 'website',
  thankYouUrl: 'https://shop.example.ir/thanks',
};

const loads = suite('the web forms file');

loads('reads a valid file from disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'webforms-'));
  try {
    const file = join(dir, 'webforms.json');
    await writeFile(file, JSON.stringify({ forms: [contact, { id: 'callback', fields: { phone: 'tel' } }] }));
    const forms = await loadWebForms(file);
    assert.equal(forms, [contact, { id: 'callback', fields: { phone: 'tel' } }]);
    assert.ok(Object.isFrozen(forms) && Object.isFrozen(forms[0]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const refusal = (forms: unknown, message: RegExp) => {
  try {
    parseWebForms(typeof forms === 'string' ? forms : JSON.stringify(forms), '/etc/hub/webforms.json');
    assert.unreachable('should refuse');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_CONFIGURATION'), String(error));
    assert.match((error as Error).message, message);
  }
};

loads('a mistake names the file, the entry and the field', () => {
  refusal('{"forms": [', /^\/etc\/hub\/webforms.json: not JSON/);
  refusal([contact], /webforms.json: \(root\): /);
  refusal(
    { forms: [contact, { id: 'quote', fields: { name: 'n' } }] },
    /forms\[1\] \("quote"\)\.fields: map at least one/,
  );
  refusal({ forms: [{ ...contact, id: 'bad id!' }] }, /forms\[0\] \("bad id!"\)\.id: letters, digits/);
  refusal({ forms: [{ ...contact, thankYouUrl: 'javascript:alert(1)' }] }, /forms\[0\] \("contact"\)\.thankYouUrl/);
  refusal({ forms: [{ ...contact, fields: { ...contact.fields, fax: 'fax' } }] }, /forms\[0\] \("contact"\)\.fields/);
  refusal({ forms: [{ ...contact, honeypot: 'email' }] }, /forms\[0\] \("contact"\)\.honeypot: the honeypot/);
  refusal({ forms: [contact, contact] }, /forms\[1\]: the id "contact" is declared twice/);
});

loads('a missing file says so', async () => {
  try {
    await loadWebForms('/nonexistent/webforms.json');
    assert.unreachable();
  } catch (error) {
    assert.match((error as Error).message, /^\/nonexistent\/webforms.json: cannot read the web forms file/);
  }
});

loads.run();

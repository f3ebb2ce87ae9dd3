import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from './config.ts';

test('sign-in settings default to admin@localhost, 12 h idle and 7 days at most', () => {
  const config = loadConfig({});
  assert.is(config.adminEmail, 'admin@localhost');
  assert.is(config.adminPassword, undefined);
  assert.is(config.sessionIdleHours, 12);
  assert.is(config.sessionMaxDays, 7);
  assert.is(config.secureCookie, false, 'plain http on localhost');
});

test('the session cookie is Secure when the public URL is https, unless told otherwise', () => {
  assert.is(loadConfig({ HUB_PUBLIC_URL: 'https://hub.example.ir' }).secureCookie, true);
  assert.is(
    loadConfig({ HUB_PUBLIC_URL: 'https://hub.example.ir', HUB_SESSION_COOKIE_SECURE: 'false' }).secureCookie,
    false,
  );
  assert.is(loadConfig({ HUB_SESSION_COOKIE_SECURE: 'true' }).secureCookie, true);
});

test('a short admin password is refused at start, without echoing it', () => {
  assert.throws(
    () => loadConfig({ HUB_ADMIN_PASSWORD: 'short' }),
    (error: Error) => error.message.includes('HUB_ADMIN_PASSWORD: at least 12') && !error.message.includes('short'),
  );
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { clearedSessionCookie, sessionCookie, sessionFromCookie } from './session-cookie.ts';

test('the session token is read from among other cookies, and nothing from a header without it', () => {
  assert.is(sessionFromCookie('theme=dark; hub_session=hub_s_abc%3D; lang=fa'), 'hub_s_abc=');
  assert.is(sessionFromCookie('theme=dark'), undefined);
  assert.is(sessionFromCookie(undefined), undefined);
});

test('the cookie lives as long as the session, is HttpOnly and SameSite=Strict, and Secure only behind https', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const expires = new Date('2026-03-01T20:00:00Z');
  const plain = sessionCookie('hub_s_x', expires, { secure: false, now });
  assert.is(plain, 'hub_session=hub_s_x; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200');
  assert.ok(sessionCookie('hub_s_x', expires, { secure: true, now }).endsWith('; Secure'));
  assert.match(clearedSessionCookie(true), /^hub_session=; .*Max-Age=0; Secure$/);
});

test.run();

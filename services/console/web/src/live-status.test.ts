import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { messages } from './i18n.ts';
import { type LiveStatus, nextLiveStatus } from './live-status.ts';

// What the header says of the live feed: "Connecting…" until it first opens (a first try that
// fails and is tried again is still connecting), "Live" while open, "Reconnecting…" once lost.

const status = suite('the live feed status in the header');

/** The header's words after the feed's events, in order, from sign-in. */
const headerAfter = (locale: 'en' | 'fa', events: ('open' | 'error')[]) => {
  let current: LiveStatus = 'connecting';
  const said = [messages[locale].liveStatus[current]];
  for (const event of events) {
    current = nextLiveStatus(current, event);
    said.push(messages[locale].liveStatus[current]);
  }
  return said;
};

status('English: connecting before the first open, reconnecting only after a loss', () => {
  assert.equal(headerAfter('en', ['error', 'error', 'open', 'error', 'error', 'open']), [
    'Connecting…',
    'Connecting…',
    'Connecting…',
    'Live',
    'Reconnecting…',
    'Reconnecting…',
    'Live',
  ]);
});

status('Persian: the same states in Persian words', () => {
  assert.equal(headerAfter('fa', ['error', 'open', 'error', 'open']), [
    'در حال اتصال…',
    'در حال اتصال…',
    'زنده',
    'در حال اتصال دوباره…',
    'زنده',
  ]);
});

status.run();

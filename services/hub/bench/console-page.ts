// What `pnpm bench:console` measures inside the console's page: the scripts below run in Chromium
// (as source text: the bench is compiled without the DOM's types), each reads the page's own clock.
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page, Response } from 'playwright-core';

/**
 * In every new document of a context, before the console's script: the page's clock
 * (`performance.now()`, from the navigation's start) when the first inbox row is in the DOM.
 */
export const firstRowsWatch = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('.rows .row')) return;
    window.__benchFirstRows = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** One navigation to the inbox: ms from the navigation's start, by the page's clock. */
export interface FirstRowsMarks {
  /** The first `.rows .row` in the DOM. */
  readonly rows: number | null;
  /** `index.html` answered, the script run (DOMContentLoaded), then the API's answers. */
  readonly html: number;
  readonly domContentLoaded: number;
  readonly me: number | null;
  readonly inbox: number | null;
  readonly counts: number | null;
  /** Bytes of JavaScript over the network (0: all from the HTTP cache). */
  readonly scriptTransfer: number;
  readonly navigationType: string;
}

const firstRowsMarksSource = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const end = (part) => {
    const entry = resources.find((e) => e.name.includes(part));
    return entry ? entry.responseEnd : null;
  };
  return {
    rows: window.__benchFirstRows ?? null,
    html: nav.responseEnd,
    domContentLoaded: nav.domContentLoadedEventEnd,
    me: end('/v1/auth/me'),
    inbox: end('/v1/inbox?'),
    counts: end('/v1/inbox/counts'),
    scriptTransfer: resources.filter((e) => e.initiatorType === 'script').reduce((n, e) => n + e.transferSize, 0),
    navigationType: nav.type,
  };
})()`;

/**
 * A fresh navigation (from about:blank) to the console, signed in, until the first inbox row is
 * visible. `driverMs`: the same as Playwright sees it from Node (its round trips included).
 */
export async function navigateToInbox(page: Page, url: string): Promise<FirstRowsMarks & { driverMs: number }> {
  await page.goto('about:blank');
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('.rows .row').first().waitFor({ state: 'visible', timeout: 30_000 });
  const driverMs = performance.now() - started;
  return { ...(await page.evaluate<FirstRowsMarks>(firstRowsMarksSource)), driverMs };
}

/** One opening of a conversation from the inbox: ms by the page's clock from the hash's change. */
export interface OpenMarks {
  /** Its messages (`.items .message`) and the customer's timeline (`.history .entry`) in the DOM; -1 after 30 s. */
  readonly ms: number;
  /** When `GET /v1/conversations/{id}` and then `GET /v1/customers/{id}/timeline` were answered. */
  readonly conversation: number | null;
  readonly timeline: number | null;
}

const openSource = (id: string) => `new Promise((resolve) => {
  performance.clearResourceTimings();
  const done = () => document.querySelector('.items .message') && document.querySelector('.history .entry');
  const started = performance.now();
  const answered = (part) => {
    const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes(part)).at(-1);
    return entry ? entry.responseEnd - started : null;
  };
  const observer = new MutationObserver(() => {
    if (!done()) return;
    const ms = performance.now() - started;
    observer.disconnect();
    clearTimeout(timer);
    resolve({ ms, conversation: answered('/v1/conversations/'), timeline: answered('/timeline') });
  });
  const timer = setTimeout(() => {
    observer.disconnect();
    resolve({ ms: -1, conversation: null, timeline: null });
  }, 30000);
  observer.observe(document.body, { childList: true, subtree: true });
  location.hash = ${JSON.stringify(`#/conversations/${id}`)};
})`;

/** From the open inbox, as its row's link does: the conversation's screen, until rendered. */
export async function openConversation(page: Page, id: string): Promise<OpenMarks> {
  return page.evaluate<OpenMarks>(openSource(id));
}

/** Back to the inbox by its link, until its rows are there again. */
export async function backToInbox(page: Page): Promise<void> {
  await page.evaluate(`location.hash = '#/inbox'`);
  await page.locator('.rows .row').first().waitFor({ state: 'visible', timeout: 30_000 });
}

/**
 * In the open inbox: the wall clock (`Date.now()`, the clock the bench's process reads too) when a
 * row holding `<marker>-<n>` first appears, per n; read back by `liveRowsSeen`.
 */
export const watchLiveRows = (page: Page, marker: string) =>
  page.evaluate(`(() => {
    window.__benchLiveSeen = {};
    performance.setResourceTimingBufferSize(100000);
    performance.clearResourceTimings();
    const pattern = new RegExp(${JSON.stringify(`${marker}-(\\d+)`)});
    const scan = () => {
      const now = Date.now();
      for (const row of document.querySelectorAll('.rows .row')) {
        const found = pattern.exec(row.textContent || '');
        if (found && !(found[1] in window.__benchLiveSeen)) window.__benchLiveSeen[found[1]] = now;
      }
    };
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);

export const liveRowsSeen = (page: Page) => page.evaluate<Record<string, number>>('window.__benchLiveSeen');

/** Since `watchLiveRows`: how long each of the inbox's refetches (list and counts together) took, ms. */
export const inboxRefetches = (page: Page) =>
  page.evaluate<number[]>(`performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/v1/inbox?'))
    .map((list) => {
      const counts = performance.getEntriesByType('resource')
        .find((e) => e.name.includes('/v1/inbox/counts') && Math.abs(e.startTime - list.startTime) < 5);
      return Math.max(list.responseEnd, counts ? counts.responseEnd : 0) - list.startTime;
    })`);

/** A script the page loaded: its name, bytes as served, as transferred, and gzipped (level 9). */
export interface LoadedScript {
  readonly name: string;
  readonly bytes: number;
  readonly transferred: number;
  readonly gzipped: number;
}

/** Records the scripts a context's pages load from now on; `read()` measures them. */
export function recordScripts(context: BrowserContext) {
  const responses: Response[] = [];
  const listener = (response: Response) => {
    if (response.request().resourceType() === 'script') responses.push(response);
  };
  context.on('response', listener);
  return {
    async read(): Promise<LoadedScript[]> {
      context.off('response', listener);
      return Promise.all(
        responses.map(async (response) => {
          const body = await response.body();
          const sizes = await response.request().sizes();
          return {
            name: new URL(response.url()).pathname,
            bytes: body.length,
            transferred: sizes.responseBodySize,
            gzipped: gzipSync(body, { level: 9 }).length,
          };
        }),
      );
    },
  };
}

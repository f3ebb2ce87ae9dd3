import { readFile } from 'node:fs/promises';

/** The browser script and the demo page, read once when the routes are registered. */
export async function loadWidgetAssets(): Promise<{ script: string; demoPage: string }> {
  const [script, demoPage] = await Promise.all([
    readFile(new URL('./widget.client.js', import.meta.url), 'utf8'),
    readFile(new URL('./widget-demo.html', import.meta.url), 'utf8'),
  ]);
  return { script, demoPage };
}

/** The demo page runs only the hub's own script and talks only to the hub. */
export const DEMO_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

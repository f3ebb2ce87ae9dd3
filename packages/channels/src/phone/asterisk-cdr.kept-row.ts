import { HubError } from '@hub/errors';
import { type CdrLayout, describeCdrLayout, parseCdrLayout } from './asterisk-cdr.layout.ts';

/** What a CDR row needs besides its bytes to be parsed again on its own, later. */
export interface CdrRowSettings {
  readonly timeZone: string;
  readonly layout: CdrLayout;
  readonly pbx?: string;
}

const quoted = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/**
 * A bad row is kept alone, as a parse failure of its own; the settings of its request ride in
 * its content type's parameters (RFC 9110 quoted strings), so a re-run reads it as it was sent.
 */
export function keptCdrRowContentType(settings: CdrRowSettings): string {
  const parameters = [`layout=${quoted(describeCdrLayout(settings.layout))}`, `timezone=${quoted(settings.timeZone)}`];
  if (settings.pbx) parameters.push(`pbx=${quoted(settings.pbx)}`);
  return ['text/csv', ...parameters].join('; ');
}

/** The settings `keptCdrRowContentType` wrote; a plain `text/csv` is cdr_csv in UTC. */
export function readKeptCdrRowContentType(contentType: string): CdrRowSettings {
  const parameters = new Map<string, string>();
  for (const match of contentType.matchAll(/;\s*([a-z]+)="((?:[^"\\]|\\.)*)"/gi)) {
    parameters.set((match[1] as string).toLowerCase(), (match[2] as string).replace(/\\(.)/g, '$1'));
  }
  if (!/^text\/csv\b/i.test(contentType)) {
    throw new HubError('INVALID_INPUT', `a kept CDR row is text/csv, not ${contentType.split(';')[0]}`);
  }
  return {
    timeZone: parameters.get('timezone') ?? 'UTC',
    layout: parseCdrLayout(parameters.get('layout') ?? 'cdr_csv'),
    pbx: parameters.get('pbx'),
  };
}

import { HubError } from '@hub/errors';

/** What a canned response may mention: `{{customer.name}}`, `{{agent.name}}`, `{{conversation.subject}}`... */
export interface CannedContext {
  readonly customer: Readonly<Record<string, string | null | undefined>> & { readonly name?: string | null };
  readonly agent: Readonly<Record<string, string | null | undefined>> & { readonly name?: string | null };
  readonly conversation?: Readonly<Record<string, string | null | undefined>>;
}

export interface RenderedCanned {
  readonly text: string;
  /** The same words for an HTML body: values are escaped, so a customer's name cannot inject markup. */
  readonly html: string;
}

const placeholder = /\{\{\s*([a-z]+)\.([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g;
const anyBraces = /\{\{([^}]*)\}\}/g;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Fills a canned response. A placeholder the context cannot fill (misspelt, or a value missing
 * for this customer) is refused with INVALID_INPUT naming it, rather than sent to a customer as
 * "Dear {{customer.nmae}}" or "Dear ,". The template's own text is escaped in the HTML variant too.
 */
export function renderCanned(template: string, context: CannedContext): RenderedCanned {
  const scopes: Record<string, Readonly<Record<string, string | null | undefined>> | undefined> = {
    customer: context.customer,
    agent: context.agent,
    conversation: context.conversation,
  };
  const missing = new Set<string>();
  for (const match of template.matchAll(anyBraces)) {
    const inner = match[1]?.trim() ?? '';
    const [, scope = '', field = ''] = /^([a-z]+)\.([a-zA-Z][a-zA-Z0-9_]*)$/.exec(inner) ?? [];
    const value = scopes[scope]?.[field];
    if (typeof value !== 'string' || value.trim() === '') missing.add(`{{${inner}}}`);
  }
  if (missing.size > 0) {
    throw new HubError('INVALID_INPUT', `the canned response cannot be filled in: ${[...missing].join(', ')}`, {
      missing: [...missing],
    });
  }
  const fill = (encode: (text: string) => string) => {
    let out = '';
    let last = 0;
    for (const match of template.matchAll(placeholder)) {
      const value = scopes[match[1] ?? '']?.[match[2] ?? ''] ?? '';
      out += encode(template.slice(last, match.index)) + encode(value);
      last = match.index + match[0].length;
    }
    return out + encode(template.slice(last));
  };
  return { text: fill((text) => text), html: fill(escapeHtml).replace(/\r?\n/g, '<br>\n') };
}

/** The placeholders a canned response may use; the hub fills each of them when a reply uses it. */
export const cannedPlaceholders = [
  '{{customer.name}}',
  '{{agent.name}}',
  '{{conversation.id}}',
  '{{conversation.subject}}',
] as const;

/** The `{{...}}` in a template that are none of `cannedPlaceholders` (a typo, an unknown field). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(cannedPlaceholders);
  const unknown = new Set<string>();
  for (const match of template.matchAll(anyBraces)) {
    const written = `{{${match[1]?.trim() ?? ''}}}`;
    if (!known.has(written)) unknown.add(written);
  }
  return [...unknown];
}

/** What a logged HTTP request looks like to this serializer (a Fastify request or Node's). */
interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly routeOptions?: { readonly url?: string };
}

/**
 * A URL with its query values replaced: `?email=`, `?q=` and Meta's `hub.verify_token` carry
 * personal data and secrets, while the names alone still tell an operator what was asked.
 */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const names = url
    .slice(mark + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${url.slice(0, mark)}?${names.join('&')}`;
}

/** The `req` field of a log line: method, route and a URL without query values. */
export function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactUrl(request.url),
    route: request.routeOptions?.url,
    remoteAddress: request.ip,
  };
}

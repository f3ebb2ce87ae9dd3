import { type ErrorCode, errorCatalogue } from './catalogue.ts';

/** The one error type the hub throws on purpose; anything else is a bug. */
export class HubError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly retriable: boolean;
  /**
   * Facts for logs and problem bodies. Not `details`: test runners (uvu) read an error's `details`
   * as their own diff text and then print nothing.
   */
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, detail: string, context: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(detail, options);
    this.name = 'HubError';
    this.code = code;
    this.httpStatus = errorCatalogue[code].httpStatus;
    this.retriable = errorCatalogue[code].retriable;
    this.context = context;
  }
}

export const isHubError = (error: unknown, code?: ErrorCode): error is HubError =>
  error instanceof HubError && (code === undefined || error.code === code);

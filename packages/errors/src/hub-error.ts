import { type ErrorCode, errorCatalogue } from './catalogue.ts';

/** The one error type the hub throws on purpose; anything else is a bug. */
export class HubError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly retriable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, detail: string, details: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(detail, options);
    this.name = 'HubError';
    this.code = code;
    this.httpStatus = errorCatalogue[code].httpStatus;
    this.retriable = errorCatalogue[code].retriable;
    this.details = details;
  }
}

export const isHubError = (error: unknown, code?: ErrorCode): error is HubError =>
  error instanceof HubError && (code === undefined || error.code === code);

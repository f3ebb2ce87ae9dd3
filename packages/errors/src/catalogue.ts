// The closed set of errors the hub can report. Each code is translated in exactly two places: the
// HTTP error handler (problem+json with `httpStatus`) and a consumer's retry / dead-letter policy
// (`retriable`). docs/errors.md lists every code; a test keeps the two in step.
export const errorCatalogue = {
  WRONG_EXPECTED_REVISION: {
    httpStatus: 409,
    retriable: false,
    title: 'The stream is not at the expected revision',
  },
  STREAM_DELETED: {
    httpStatus: 410,
    retriable: false,
    title: 'The stream was deleted permanently',
  },
  DUPLICATE_EVENT_ID: {
    httpStatus: 409,
    retriable: false,
    title: 'An event id is already used by another append',
  },
  EVENT_STORE_UNAVAILABLE: {
    httpStatus: 503,
    retriable: true,
    title: 'The event store cannot be reached',
  },
  DATABASE_UNAVAILABLE: {
    httpStatus: 503,
    retriable: true,
    title: 'The database cannot be reached now; nothing was written',
  },
  INVALID_EVENT: {
    httpStatus: 422,
    retriable: false,
    title: 'An event does not match its schema',
  },
  UNKNOWN_EVENT_TYPE: {
    httpStatus: 422,
    retriable: false,
    title: 'The event type is not known to this version of the hub',
  },
  INVALID_INPUT: {
    httpStatus: 400,
    retriable: false,
    title: 'The request body or parameters are not valid',
  },
  UNAUTHENTICATED: {
    httpStatus: 401,
    retriable: false,
    title: 'Credentials are missing or wrong',
  },
  INVALID_SIGNATURE: {
    httpStatus: 401,
    retriable: false,
    title: 'The webhook signature is missing or does not match',
  },
  FORBIDDEN: {
    httpStatus: 403,
    retriable: false,
    title: 'The request is understood but not allowed',
  },
  ALREADY_EXISTS: {
    httpStatus: 409,
    retriable: false,
    title: 'A resource with this unique value already exists',
  },
  LAST_ADMIN: {
    httpStatus: 409,
    retriable: false,
    title: 'The change would leave the hub without an active admin',
  },
  NOT_FOUND: {
    httpStatus: 404,
    retriable: false,
    title: 'No such resource',
  },
  PAYLOAD_TOO_LARGE: {
    httpStatus: 413,
    retriable: false,
    title: 'The request body is larger than allowed',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    httpStatus: 415,
    retriable: false,
    title: 'The content type is not accepted here',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    retriable: true,
    title: 'Too many requests from this client',
  },
  INTAKE_UNAVAILABLE: {
    httpStatus: 503,
    retriable: true,
    title: 'The interaction log cannot accept the interaction now; nothing was recorded',
  },
  IDENTITY_CONTENTION: {
    httpStatus: 503,
    retriable: true,
    title: 'Concurrent writers kept claiming the same identifiers; try again',
  },
  UNPARSEABLE_PAYLOAD: {
    httpStatus: 422,
    retriable: false,
    title: 'A kept raw payload still cannot be parsed',
  },
  INVALID_CONFIGURATION: {
    httpStatus: 500,
    retriable: false,
    title: 'The configuration is invalid',
  },
  REQUEST_TIMEOUT: {
    httpStatus: 408,
    retriable: true,
    title: 'The request was not received in time',
  },
  CONVERSATION_CONFLICT: {
    httpStatus: 409,
    retriable: false,
    title: "The conversation's state does not allow this",
  },
  CASE_CONFLICT: {
    httpStatus: 409,
    retriable: false,
    title: "The case's lifecycle does not allow this",
  },
  REPLY_CONFLICT: {
    httpStatus: 409,
    retriable: false,
    title: "The reply's delivery state does not allow this",
  },
  ORDER_CONFLICT: {
    httpStatus: 409,
    retriable: false,
    title: "The order's content or history does not allow this",
  },
  LINK_EXPIRED: {
    httpStatus: 410,
    retriable: false,
    title: 'The link has expired',
  },
  OVERLOADED: {
    httpStatus: 503,
    retriable: true,
    title: 'The hub is saturated and sheds load',
  },
} as const satisfies Record<string, { httpStatus: number; retriable: boolean; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

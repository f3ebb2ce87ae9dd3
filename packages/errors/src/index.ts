export { type ErrorCode, errorCatalogue } from './catalogue.ts';
export { HubError, isHubError } from './hub-error.ts';

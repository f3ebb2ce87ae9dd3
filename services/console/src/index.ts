export { apiTypesOf, apiTypesPath } from './api-types.ts';
export { consoleAssetsDir, registerConsole } from './console.routes.ts';

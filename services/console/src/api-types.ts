import openapiTS, { astToString } from 'openapi-typescript';

/** Where the console's typed API client finds the hub's paths and schemas. */
export const apiTypesPath = new URL('../web/src/api/schema.d.ts', import.meta.url);

/**
 * The TypeScript types of the hub's OpenAPI document: the console's client is typed by what the
 * hub serves, not by hand-copied types. Checked by the hub's tests against the live document.
 */
export async function apiTypesOf(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return `// Generated from the hub's OpenAPI document by \`pnpm console:api-types\`; do not edit.\n${astToString(ast)}`;
}

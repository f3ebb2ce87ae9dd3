export { requireBearer } from './bearer-auth.ts';
export { answerClientError } from './client-error.ts';
export { toJsonSafe } from './json-safe.ts';
export { type OpenApiSettings, registerOpenApi } from './openapi.ts';
export { type Problem, sendProblem, toProblem } from './problem.ts';
export { frameworkErrorsAsProblems, useProblemDetails } from './problem-handlers.ts';
export {
  type ApiTag,
  ProblemSchema,
  type ProblemStatus,
  problems,
  rawBody,
  security,
  useZodSchemas,
  type ZodTypeProvider,
} from './route-schemas.ts';
export { secretsEqual } from './secrets.ts';

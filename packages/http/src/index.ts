export { requireBearer } from './bearer-auth.ts';
export { answerClientError } from './client-error.ts';
export { toJsonSafe } from './json-safe.ts';
export { type Problem, sendProblem, toProblem } from './problem.ts';
export { useProblemDetails } from './problem-handlers.ts';
export { secretsEqual } from './secrets.ts';

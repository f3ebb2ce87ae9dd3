export {
  type AddCaseNote,
  type AssignCaseOwner,
  type CaseCommand,
  type CaseEvent,
  type ChangeCaseStatus,
  isCaseEvent,
  type LinkConversation,
  type OpenCase,
  type UnlinkConversation,
} from './case.commands.ts';
export { CASE_CONVERSATIONS_MAX, CASE_NOTE_MAX_LENGTH, CASE_SUBJECT_MAX_LENGTH, caseDecider } from './case.decider.ts';
export { caseLifecycles, nextStatuses, statusesOf } from './case.lifecycle.ts';
export {
  formatCaseNumber,
  type OpenCaseDependencies,
  type OpenedCaseResult,
  openCase,
} from './case.numbering.ts';
export { type CaseState, evolveCase, initialCaseState, type OpenedCase } from './case.state.ts';
export { casesMigrations } from './cases.migrations.ts';
export { applyCaseEvent, CASES_PROJECTION, casesProjection } from './cases.projection.ts';
export {
  type CaseFilter,
  type CaseItem,
  type CaseSummary,
  type CaseView,
  findCase,
  findCaseByNumber,
  listCases,
  purgeCustomerCases,
} from './cases.queries.ts';
export { casesSchema } from './cases.schema.ts';

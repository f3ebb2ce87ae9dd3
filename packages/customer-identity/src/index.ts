export {
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  customerDecider,
  isCustomerEvent,
  type MergedShare,
  unknownCustomer,
} from './customer.decider.ts';
export {
  type CustomerDirectory,
  type DirectoryCustomer,
  emptyCustomerDirectory,
  type LinkedIdentifier,
  recordCustomerEvent,
} from './customer-directory.ts';
export { isReplayOfErased, type ReplayCheck } from './erased-replay.policy.ts';
export {
  type CountryCode,
  emailIdentifier,
  handleIdentifier,
  identifierRefusals,
  normalizeEmail,
  normalizeHandle,
  normalizeIdentifier,
  normalizePhone,
  phoneIdentifier,
  toAsciiDigits,
} from './identifiers.ts';
export {
  planIdentityRepair,
  REPAIR_EVIDENCE,
  type RepairAction,
  type RepairEvidence,
  type RepairPlan,
} from './identity-repair.plan.ts';
export {
  identifierKey,
  type MergePolicy,
  type Resolution,
  type ResolutionInput,
  resolveIdentity,
} from './identity-resolution.decider.ts';

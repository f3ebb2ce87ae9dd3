import { appendContract } from './append.contract.ts';
import type { ContractCase } from './contract-harness.ts';
import { deletionContract } from './deletion.contract.ts';
import { readContract } from './read.contract.ts';
import { subscriptionContract } from './subscription.contract.ts';

/** The behaviour every event store backend must show; each backend's test file runs all of it. */
export const eventStoreContract: readonly ContractCase[] = [
  ...appendContract,
  ...readContract,
  ...subscriptionContract,
  ...deletionContract,
];

export type { ContractCase, ContractHarness } from './contract-harness.ts';

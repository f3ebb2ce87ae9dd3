import { appendContract } from './append.contract.ts';
import { appendManyContract, atomicAppendManyContract } from './append-many.contract.ts';
import type { ContractCase } from './contract-harness.ts';
import { deletionContract } from './deletion.contract.ts';
import { readContract } from './read.contract.ts';
import { subscriptionContract } from './subscription.contract.ts';

/** The behaviour every event store backend must show; each backend's test file runs all of it. */
export const eventStoreContract: readonly ContractCase[] = [
  ...appendContract,
  ...appendManyContract,
  ...readContract,
  ...subscriptionContract,
  ...deletionContract,
];

/** Also run by backends with transactions: a failing multi-stream append writes nothing. */
export const transactionalStoreContract: readonly ContractCase[] = atomicAppendManyContract;

export type { ContractCase, ContractHarness } from './contract-harness.ts';

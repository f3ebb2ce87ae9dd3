import { deliveryContract } from './delivery.contract.ts';
import { failureContract } from './failure.contract.ts';
import type { LogContractCase } from './log-contract.harness.ts';

/** The behaviour every interaction log must show; each implementation's test file runs all of it. */
export const logContract: readonly LogContractCase[] = [...deliveryContract, ...failureContract];

export type { LogContractCase, LogContractHarness } from './log-contract.harness.ts';

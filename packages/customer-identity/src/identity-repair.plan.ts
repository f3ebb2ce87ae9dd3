import type { CustomerIdentifier } from '@hub/events';
import { type CustomerDirectory, type LinkedIdentifier, offeredPair } from './customer-directory.ts';
import { type CountryCode, normalizeIdentifier } from './identifiers.ts';
import { identifierKey, type MergePolicy } from './identity-resolution.decider.ts';

export interface RepairEvidence {
  readonly interactionId: string;
  /** The normalised identifier first, then every spelling the customers were linked under. */
  readonly identifiers: CustomerIdentifier[];
}

export type RepairAction =
  /** The survivor takes the normalised spelling, so what arrives normalised from now on finds it. */
  | { readonly kind: 'link'; readonly customerId: string; readonly identifier: CustomerIdentifier }
  /** Review policy: an agent is offered the others as the survivor's merge candidates. */
  | {
      readonly kind: 'offer';
      readonly customerId: string;
      readonly candidateIds: readonly string[];
      readonly evidence: RepairEvidence;
    }
  /** Auto policy: the other customer's history joins the survivor's. */
  | {
      readonly kind: 'merge';
      readonly survivorId: string;
      readonly mergedId: string;
      readonly evidence: RepairEvidence;
    };

export interface RepairPlan {
  readonly actions: readonly RepairAction[];
  /** Identifiers of live customers split over several spellings of one normalised identifier. */
  readonly splitIdentifiers: number;
  /** Identifiers stored before validation that normalise to nothing (`not an email at all`): left as they are. */
  readonly unnormalisable: number;
}

/** Interaction id of evidence no interaction revealed (identifiers linked by hand). */
export const REPAIR_EVIDENCE = 'identity-repair';

/**
 * Finds customers split by identifiers stored before every intake normalised them (`Sara@Example.com`
 * and `sara@example.com` as two people). Per normalised identifier held by live customers (merged
 * customers count as their survivor's; erased ones not at all): the survivor is the customer already
 * holding the normalised spelling (where new interactions land), else the one that came first; it
 * is linked to the normalised spelling when it lacks it; the others are offered as its merge
 * candidates (review) unless already offered, or merged into it (auto). Deterministic, and empty
 * once applied: running the repair again finds nothing to do.
 */
export function planIdentityRepair(
  directory: CustomerDirectory,
  settings: { readonly policy: MergePolicy; readonly defaultRegion?: CountryCode | undefined },
): RepairPlan {
  const mergedNow = new Map<string, string>();
  const offered = new Set(directory.offeredPairs);
  const rootOf = (customerId: string): string | null => {
    let id = customerId;
    for (let hops = 0; hops <= directory.customers.size; hops += 1) {
      const next = mergedNow.get(id) ?? directory.customers.get(id)?.mergedInto ?? null;
      if (next === null) return directory.customers.get(id)?.erased ? null : id;
      id = next;
    }
    return null; // a merge cycle: not ours to untangle
  };

  const groups = new Map<string, { normalized: CustomerIdentifier; spellings: LinkedIdentifier[] }>();
  let unnormalisable = 0;
  for (const customer of directory.customers.values()) {
    if (customer.erased) continue;
    for (const linked of customer.identifiers.values()) {
      const normalized = normalizeIdentifier(linked.identifier, settings.defaultRegion);
      if (normalized === null) {
        unnormalisable += 1;
        continue;
      }
      const key = identifierKey(normalized);
      const group = groups.get(key) ?? { normalized, spellings: [] };
      group.spellings.push(linked);
      groups.set(key, group);
    }
  }

  const actions: RepairAction[] = [];
  let splitIdentifiers = 0;
  const order = (id: string) => directory.customers.get(id)?.order ?? Number.MAX_SAFE_INTEGER;
  for (const [key, { normalized, spellings }] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const live = spellings.flatMap((s) => {
      const root = rootOf(s.customerId);
      return root === null ? [] : [{ ...s, root }];
    });
    const roots = [...new Set(live.map((s) => s.root))].sort((a, b) => order(a) - order(b));
    const holder = live.find((s) => identifierKey(s.identifier) === key)?.root;
    const survivorId = holder ?? roots[0];
    if (survivorId === undefined) continue;
    if (holder === undefined) actions.push({ kind: 'link', customerId: survivorId, identifier: normalized });
    const others = roots.filter((id) => id !== survivorId);
    if (others.length === 0) continue;
    splitIdentifiers += 1;
    const evidence = evidenceOf(normalized, live, others);
    if (settings.policy === 'auto') {
      for (const mergedId of others) {
        actions.push({ kind: 'merge', survivorId, mergedId, evidence });
        mergedNow.set(mergedId, survivorId);
      }
      continue;
    }
    const candidateIds = others.filter((id) => !offered.has(offeredPair(survivorId, id)));
    for (const id of candidateIds) offered.add(offeredPair(survivorId, id));
    if (candidateIds.length > 0) actions.push({ kind: 'offer', customerId: survivorId, candidateIds, evidence });
  }
  return { actions, splitIdentifiers, unnormalisable };
}

function evidenceOf(
  normalized: CustomerIdentifier,
  spellings: readonly (LinkedIdentifier & { root: string })[],
  others: readonly string[],
): RepairEvidence {
  const fromOthers = spellings.find((s) => others.includes(s.root) && s.interactionId !== null);
  const interactionId = fromOthers?.interactionId ?? spellings.find((s) => s.interactionId !== null)?.interactionId;
  const identifiers = new Map([[identifierKey(normalized), normalized]]);
  for (const s of spellings) identifiers.set(identifierKey(s.identifier), s.identifier);
  const list = [...identifiers.values()];
  // MergeEvidence holds at least two; one spelling alone means two customers were linked under it.
  return { interactionId: interactionId ?? REPAIR_EVIDENCE, identifiers: list.length > 1 ? list : [...list, ...list] };
}

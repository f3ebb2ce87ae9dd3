import type { Decider } from '@hub/decider';
import type { Actor, DomainEventOf } from '@hub/events';

export type ProductEvent = DomainEventOf<'ProductDefined'> | DomainEventOf<'ProductChanged'>;

export const isProductEvent = (event: { type: string }): event is ProductEvent =>
  event.type === 'ProductDefined' || event.type === 'ProductChanged';

export interface DefineProduct {
  readonly kind: 'DefineProduct';
  readonly productId: string;
  readonly name: string;
  readonly category: string | null;
  readonly actor: Actor;
  readonly at: string;
}

export interface ProductState {
  readonly product: { readonly productId: string; readonly name: string; readonly category: string | null } | null;
}

/**
 * One product of the reference list, in its own stream (`productStream`): defined once, changed
 * when its name or category changes; the same definition again changes nothing (a re-sent
 * catalogue appends nothing).
 */
export const productDecider: Decider<DefineProduct, ProductEvent, ProductState> = {
  initialState: { product: null },
  decide(command, state) {
    const { productId, name, category, actor, at } = command;
    const data = { productId, name, category, actor, at };
    if (!state.product) return [{ type: 'ProductDefined', data }];
    if (state.product.name === name && state.product.category === category) return [];
    return [{ type: 'ProductChanged', data }];
  },
  evolve(_state, event) {
    const { productId, name, category } = event.data;
    return { product: { productId, name, category } };
  },
};

import { givenFor } from '@hub/decider/testing';
import { test } from 'uvu';
import { type DefineProduct, productDecider } from './product.decider.ts';

const given = givenFor(productDecider);
const actor = { kind: 'agent', userId: 'u1' } as const;
const at = '2026-03-01T10:00:00Z';
const define: DefineProduct = {
  kind: 'DefineProduct',
  productId: 'tea',
  name: 'Green tea',
  category: 'tea',
  actor,
  at,
};
const defined = {
  type: 'ProductDefined' as const,
  data: { productId: 'tea', name: 'Green tea', category: 'tea', actor, at },
};

test('a new product is defined; the same definition again changes nothing', () => {
  given([]).when(define).thenEvents([defined]);
  given([defined]).when(define).thenEvents([]);
});

test('a new name or category is a change', () => {
  given([defined])
    .when({ ...define, category: null })
    .thenEvents([{ type: 'ProductChanged', data: { ...defined.data, category: null } }]);
});

test.run();

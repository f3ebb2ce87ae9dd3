// Upcasters turn a stored body of schema version N into version N+1. Stored events are never
// rewritten: old bodies are upcast each time they are read, so every reader sees current shapes.

type Body = Record<string, unknown>;
export type Upcaster = (data: Body) => Body;

/** v1 (0.0.x prototypes) stored the identifier flat and had no interaction link. */
export const identifierLinkedV1ToV2: Upcaster = ({ kind, value, ...rest }) => ({
  ...rest,
  identifier: { kind, value },
  interactionId: null,
});

export { interactionHandler } from './interaction-consumer.ts';
export { createInteractionRecorder, type InteractionRecorder } from './interaction-recorder.ts';

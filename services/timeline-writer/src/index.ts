export { interactionBatchHandler, interactionHandler } from './interaction-consumer.ts';
export {
  type ContactToResolve,
  createInteractionRecorder,
  type InteractionRecorder,
  type InteractionToRecord,
  type RecordOutcome,
} from './interaction-recorder.ts';

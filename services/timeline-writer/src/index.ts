export { interactionBatchHandler, interactionHandler } from './interaction-consumer.ts';
export {
  createInteractionRecorder,
  type InteractionRecorder,
  type InteractionToRecord,
  type RecordOutcome,
} from './interaction-recorder.ts';

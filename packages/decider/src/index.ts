export {
  type CommandOptions,
  type CommandResult,
  handleCommand,
  type LoadedAggregate,
  loadAggregate,
  staleView,
} from './command-handler.ts';
export { type Decider, fold } from './decider.ts';

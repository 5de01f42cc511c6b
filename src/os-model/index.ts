// Public API of the OS model. Pure TypeScript: no DOM, no Svelte, no Astro.
export type * from './types.ts';
export {
  createMachine,
  step,
  isFinished,
  cloneMachine,
  DEFAULT_CONFIG,
  MAX_RUN,
} from './machine.ts';
export { loadScenario, SCENARIOS } from './scenarios.ts';
export type { Scenario, Options } from './scenarios.ts';
export { explain } from './explain.ts';
export { checkInvariants } from './invariants.ts';
export { teachingName, procState, LEGAL } from './proc.ts';
export {
  LIBRARY,
  ADDR,
  PAGE_WORDS,
  makeProgram,
  jobProgram,
  programOf,
  estimate,
  currentLine,
} from './program.ts';
export { memoryOf } from './vm.ts';
export { fill } from './syscall.ts';
export { NOFILE } from './file.ts';
export { DEFAULT_COSTS, costOf, forkCostUs, machineCost } from './cost.ts';
export type { Costs, CostBreakdown } from './cost.ts';
export {
  Timeline,
  createTimeline,
  timelineFromData,
  serialiseTimeline,
  parseTimeline,
  restoreTimeline,
  checkActionShape,
  MODEL_KERNEL,
  MAX_ACTIONS,
  FORMAT_VERSION,
} from './timeline.ts';
export type {
  ModelTimeline,
  TimelineData,
  SavedTimeline,
  Snapshot,
  ActOutcome,
  TimelineOptions,
} from './timeline.ts';

// Public API of the OS model. Pure TypeScript: no DOM, no Svelte, no Astro.
// Topic program files add their programs to LIBRARY when imported (the code pane's build-time
// listings read LIBRARY through this index).
import './programs-lifecycle.ts';
import './programs-db.ts';

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
export { smapsOf, smapsAll, framesMapped, MODEL_PAGE_KB } from './smaps.ts';
export type { Smaps, SmapsTotals } from './smaps.ts';
export {
  pgRole,
  PG_QUERIES,
  PG_IMAGE,
  ARCH_QUERIES,
  ARCH_CRASH_CLIENT,
  AUX_NAMES,
} from './programs-db.ts';
export { dbLoad, peakClients, DBLOAD, MEASURED_PGBENCH, MEASURED_CPUS } from './dbload.ts';
export type { Load } from './dbload.ts';
export { poolRun, CONNECT_MS, POOL_MODES } from './dbpool.ts';
export type { PoolMode, PoolRun } from './dbpool.ts';
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
export { STAT_MEANING, COMM_LEN, statLetter, sleepLetter, psRows, psText } from './procfs.ts';
export type { StatLetter, PsRow } from './procfs.ts';
export {
  SIMPLE_POLICIES,
  COMPARE_LIMIT,
  utilisation,
  runToEnd,
  comparePolicies,
} from './compare.ts';
export type { Utilisation, PolicySpec, PolicyResult } from './compare.ts';

// Public API of the OS model. Pure TypeScript: no DOM, no Svelte, no Astro.
// Topic program files add their programs to LIBRARY when imported (the code pane's build-time
// listings read LIBRARY through this index).
import './book/ch05-fork-exec-wait/programs.ts';
import './book/ch07-process-per-connection/programs.ts';

export type * from './kernel/types.ts';
export {
  createMachine,
  step,
  stepInPlace,
  isFinished,
  DEFAULT_CONFIG,
  MAX_RUN,
} from './kernel/machine.ts';
export { privateCopy } from './kernel/own.ts';
export { get, keys, values, size } from './kernel/table.ts';
export type { Table } from './kernel/table.ts';
export { loadScenario, SCENARIOS } from './book/registry.ts';
export type { Scenario, Options } from './book/registry.ts';
export { explain } from './kernel/explain.ts';
export { checkInvariants } from './kernel/invariants.ts';
export { procState } from './kernel/proc.ts';
export { teachingName, waitChannelWords } from './inspect/labels.ts';
export { LEGAL, TASK_STATES, PROC_STATES, SIGNALS, SENDABLE_SIGNALS } from './kernel/state.ts';
export { POLICIES, SCHED_KINDS, isSchedKind } from './kernel/policy/registry.ts';
export { isAutomatic } from './kernel/sched.ts';
export {
  ADDR,
  PAGE_WORDS,
  makeProgram,
  jobProgram,
  programOf,
  estimate,
  currentLine,
} from './kernel/program.ts';
export { LIBRARY } from './book/library.ts';
export { memoryOf } from './kernel/vm.ts';
export { smapsOf, smapsAll, framesMapped, MODEL_PAGE_KB } from './inspect/smaps.ts';
export type { Smaps, SmapsTotals } from './inspect/smaps.ts';
export { PAGE_KINDS, pageKind, pagesOf, frameMappers, cowFaults } from './inspect/pages.ts';
export type { PageKind, PageInfo, RegionPages } from './inspect/pages.ts';
export {
  pgRole,
  PG_QUERIES,
  PG_IMAGE,
  ARCH_QUERIES,
  ARCH_CRASH_CLIENT,
  AUX_NAMES,
} from './book/ch07-process-per-connection/programs.ts';
export {
  dbLoad,
  peakClients,
  DBLOAD,
  MEASURED_PGBENCH,
  MEASURED_CPUS,
} from './book/ch07-process-per-connection/dbload.ts';
export type { Load } from './book/ch07-process-per-connection/dbload.ts';
export { poolRun, CONNECT_MS, POOL_MODES } from './book/ch07-process-per-connection/dbpool.ts';
export type { PoolMode, PoolRun } from './book/ch07-process-per-connection/dbpool.ts';
export { fill } from './kernel/syscall.ts';
export { NOFILE } from './kernel/file.ts';
export { DEFAULT_COSTS, costOf, forkCostUs, machineCost } from './inspect/cost.ts';
export type { Costs, CostBreakdown } from './inspect/cost.ts';
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
} from './timeline/timeline.ts';
export type {
  ModelTimeline,
  TimelineData,
  SavedTimeline,
  Snapshot,
  ActOutcome,
  TimelineOptions,
} from './timeline/timeline.ts';
export {
  STAT_MEANING,
  COMM_LEN,
  statLetter,
  sleepLetter,
  psRows,
  psText,
} from './inspect/procfs.ts';
export type { StatLetter, PsRow } from './inspect/procfs.ts';
export {
  SIMPLE_POLICIES,
  COMPARE_LIMIT,
  utilisation,
  runToEnd,
  comparePolicies,
} from './book/compare.ts';
export type { Utilisation, PolicySpec, PolicyResult } from './book/compare.ts';

// Public API of the OS model: what the islands, views, plugins, scripts and e2e specs use. Pure
// TypeScript: no DOM, no Svelte, no Astro. The model's own tests import the module they test.

export type {
  Action,
  KEvent,
  Machine,
  OpenFile,
  Program,
  RegionKind,
  Result,
  Signal,
  StateReason,
  Task,
  TaskState,
} from './kernel/types.ts';
export { createMachine, step, isFinished } from './kernel/machine.ts';
export { get, keys, values, size } from './kernel/table.ts';
export { loadScenario, SCENARIOS } from './book/registry.ts';
export { explain } from './kernel/explain.ts';
export { wExitStatus, wTermSig, describeStatus } from './kernel/wstatus.ts';
export { procState } from './kernel/proc.ts';
export { teachingName, waitChannelWords } from './inspect/labels.ts';
export { LEGAL } from './kernel/state.ts';
export { ADDR, makeProgram, jobProgram, programOf, currentLine } from './kernel/program.ts';
export { LIBRARY } from './book/library.ts';
export { memoryOf } from './kernel/vm.ts';
export { smapsAll, MODEL_PAGE_KB } from './inspect/smaps.ts';
export { pgRole } from './book/ch07-process-per-connection/programs.ts';
export { PAGE_KINDS, pageKind, pagesOf, frameMappers, cowFaults } from './inspect/pages.ts';
export type { PageKind, PageInfo, RegionPages } from './inspect/pages.ts';
export {
  dbLoad,
  MEASURED_PGBENCH,
  MEASURED_CPUS,
} from './book/ch07-process-per-connection/dbload.ts';
export type { Load } from './book/ch07-process-per-connection/dbload.ts';
export { poolRun, CONNECT_MS, POOL_MODES } from './book/ch07-process-per-connection/dbpool.ts';
export type { PoolMode, PoolRun } from './book/ch07-process-per-connection/dbpool.ts';
export { fill } from './kernel/syscall.ts';
export { costOf } from './inspect/cost.ts';
export { createTimeline, timelineFromRecord } from './timeline/timeline.ts';
export type { ModelTimeline, RecordError } from './timeline/timeline.ts';
export { STAT_MEANING, psRows, psText } from './inspect/procfs.ts';
export type { StatLetter, PsRow } from './inspect/procfs.ts';
export { utilisation, comparePolicies, SIMPLE_POLICIES } from './book/compare.ts';
export type { PolicyResult } from './book/compare.ts';

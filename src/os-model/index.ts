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
// Chapter 1: the x86-64 layout of a model process, its /proc files, its control block, and the
// chapter's drill, /proc shell and PID puzzles.
export {
  vmasOf,
  gapsOf,
  mapsText,
  hex,
  bytesText,
  USER_END,
  X86_PAGE,
  STACK_GUARD_PAGES,
} from './inspect/layout.ts';
export type { Vma, VmaKind, Gap } from './inspect/layout.ts';
export {
  switchesOf,
  statusLines,
  statusText,
  statFields,
  mapsFile,
  fdLinks,
  fdListText,
  procPids,
  STAT_FIELDS,
} from './inspect/procfiles.ts';
export type { Switches, StatusLine, FdLink } from './inspect/procfiles.ts';
export {
  STATUS_MEANING,
  STAT_FIELD_MEANING,
  annotateStatus,
  PASTE_LIMIT,
} from './inspect/procfields.ts';
export type { PastedLine } from './inspect/procfields.ts';
export { pcbOf } from './inspect/pcb.ts';
export type { Pcb, PcbField } from './inspect/pcb.ts';
export { WHERE_SYMBOLS, placeOf } from './book/ch01-programs-and-processes/where.ts';
export type { Symbol as WhereSymbol, Place } from './book/ch01-programs-and-processes/where.ts';
export {
  drillQuestion,
  checkDrill,
  DRILL_REGIONS,
  REGION_LABEL,
} from './book/ch01-programs-and-processes/drill.ts';
export type { DrillQuestion, DrillRegion } from './book/ch01-programs-and-processes/drill.ts';
export { runShell, HELP as SHELL_HELP } from './book/ch01-programs-and-processes/shell.ts';
export type { ShellResult, OutLine, Part } from './book/ch01-programs-and-processes/shell.ts';
export { pidPuzzle } from './book/ch01-programs-and-processes/pidquiz.ts';
export type { PidPuzzle, HeldPid } from './book/ch01-programs-and-processes/pidquiz.ts';
export { GLOBAL_ADDR } from './book/ch01-programs-and-processes/programs.ts';
export { wordsOf } from './inspect/words.ts';
export type { Word } from './inspect/words.ts';
export {
  traceRun,
  checkTraceSetup,
  TRACE_POLICIES,
  TRACE_POLICY_LABELS,
} from './book/ch03-scheduling/trace.ts';
export type {
  TraceJob,
  TracePolicy,
  TraceSetup,
  TraceResult,
  TieBreak,
  Decision,
  Segment,
  JobMetrics,
} from './book/ch03-scheduling/trace.ts';
export {
  NICE_WEIGHTS,
  niceWeight,
  niceShares,
  cgroupWeight,
  MEASURED_NICE,
} from './book/ch03-scheduling/nice.ts';
export {
  eevdfLedger,
  checkEevdf,
  LWN_EXAMPLE,
  WAKEUP_EXAMPLE,
} from './book/ch03-scheduling/eevdf.ts';
export type { EevdfTask, LedgerRow } from './book/ch03-scheduling/eevdf.ts';
export { fairnessCurve, FAIRNESS_LENGTHS } from './book/ch03-scheduling/fairness.ts';
export type { FairnessPoint } from './book/ch03-scheduling/fairness.ts';
export { playGame, checkGame, GAME_DEFAULT } from './book/ch03-scheduling/mlfq-game.ts';
export type { GameSetup, GameResult } from './book/ch03-scheduling/mlfq-game.ts';
export {
  playWorkload,
  playState,
  legalPick,
  scoreAll,
  SWITCH_US,
  TICK_US,
} from './book/ch03-scheduling/play.ts';
export type { Score } from './book/ch03-scheduling/play.ts';

// Public API of chapter 8's models (listening sockets, PID namespaces, cgroups, the OOM killer,
// restart policies, graceful stop, pool sizing), for chapter 8's islands (components/ch08/).
// Kept out of index.ts so that the model every island page ships stays within its size budget
// (scripts/bench-model.ts measures index.ts): only chapter 8's page loads these. Pure TypeScript.
export { listen, connect, accept, closeListen, SOMAXCONN } from './kernel/socket.ts';
export type { ListenSocket, Conn, ConnectResult } from './kernel/socket.ts';
export { rootWorld, newNamespace, spawnIn, pidIn, deliver } from './kernel/pidns.ts';
export type { NsWorld, NsProc, PidNs } from './kernel/pidns.ts';
export { oomBadness, oomScore, selectVictim, kubeletOomScoreAdj } from './kernel/oom.ts';
export type { OomCandidate, OomChoice, QosClass } from './kernel/oom.ts';
export {
  memoryRun,
  highDelayMs,
  cpuMaxRun,
  percentile,
  PAGES_PER_MIB,
  cgroupRoot,
  mkdirCgroup,
  attach,
  forkInCgroup,
  checkCgroupTree,
} from './kernel/cgroup.ts';
export type {
  MemProc,
  MemoryLimits,
  MemoryRun,
  MemoryEvents,
  MemTick,
  CpuMaxSetup,
  CpuMaxRun,
  CgroupTree,
} from './kernel/cgroup.ts';
export {
  crashLoop,
  systemdPolicy,
  supervisordPolicy,
  kubePolicy,
  SYSTEMD_DEFAULTS,
  SUPERVISORD_DEFAULTS,
  KUBE_DEFAULTS,
} from './kernel/supervisor.ts';
export type { CrashLoop, SupEvent, RestartPolicy } from './kernel/supervisor.ts';
export { gracefulStop, stopWorkload, STOP_MANAGERS, STOP_BEHAVIOURS } from './kernel/shutdown.ts';
export type { StopBehaviour, StopManager, StopRun, ReqOutcome } from './kernel/shutdown.ts';
export {
  poolSizing,
  poolSweep,
  poolMemory,
  gunicornFormula,
  POOL_KINDS,
  POOL_MEMORY,
} from './book/ch08-production/pool.ts';
export type { PoolKind, PoolSetup, PoolResult, SweepPoint } from './book/ch08-production/pool.ts';

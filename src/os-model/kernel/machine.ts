// The machine: creation, the clock tick, and step(), the one pure entry point.
import type {
  Action,
  KEvent,
  Machine,
  MachineConfig,
  Program,
  SchedConfig,
  StepResult,
} from './types.ts';
import { seedRng } from './rng.ts';
import { programOf } from './program.ts';
import { allocProc, allocTask, kill, spawn, wakeIo, wakeTask, wakeup } from './proc.ts';
import { setProcState, setState } from './state.ts';
import { checkAction } from './action.ts';
import { beginTick, deschedule, dispatch, isAutomatic, timerTick } from './sched.ts';
import { runOne } from './syscall.ts';
import { vmNew } from './vm.ts';
import { emptyTable, get } from './table.ts';
import { isPrivate, own, privateCopy, release, trimOwned, writable } from './own.ts';

export const DEFAULT_SCHED: SchedConfig = {
  kind: 'fifo',
  quantum: 4,
  switchOn: 'io',
  ioDone: 'later',
  params: {},
};

export const DEFAULT_CONFIG: MachineConfig = {
  ncpu: 1,
  sched: DEFAULT_SCHED,
  switchTicks: 0,
  latency: { disk: 5, net: 8 },
  jitter: 0,
  init: true,
  reparent: 'subreaper',
  pipeCap: 16,
  maxProcs: 4096,
};

/** A 'run' action returns only its first RUN_EVENTS events (use 'tick' to see every event). */
export const RUN_EVENTS = 10_000;

type ConfigInput = Partial<Omit<MachineConfig, 'sched' | 'latency'>> & {
  sched?: Partial<SchedConfig>;
  latency?: Partial<MachineConfig['latency']>;
};

/**
 * A machine with `config` (missing fields take DEFAULT_CONFIG) and a seeded RNG. With
 * config.init, init is PID 1, already asleep in wait(). `programs` adds to the library.
 * Precondition: none (ncpu is clamped to 1..8, quantum to >= 1). Never fails.
 */
export function createMachine(
  config: ConfigInput = {},
  seed = 0,
  programs: Program[] = [],
): Machine {
  const c: MachineConfig = {
    ...DEFAULT_CONFIG,
    ...config,
    sched: { ...DEFAULT_SCHED, ...config.sched },
    latency: { ...DEFAULT_CONFIG.latency, ...config.latency },
  };
  c.ncpu = Math.min(8, Math.max(1, Math.trunc(c.ncpu) || 1));
  c.sched.quantum = Math.max(1, Math.trunc(c.sched.quantum) || 1);
  const fresh: Machine = {
    version: 1,
    config: c,
    clock: 0,
    rng: seedRng(seed),
    nextPid: 1,
    nextFrame: 1,
    nextFile: 1,
    procs: emptyTable(),
    tasks: emptyTable(),
    cpus: Array.from({ length: c.ncpu }, (_, id) => ({
      id,
      cur: -1,
      last: -1,
      hold: -1,
      switching: 0,
      ranTid: -1,
      ranOp: '',
    })),
    runq: [],
    timers: [],
    frames: emptyTable(),
    files: emptyTable(),
    pipes: emptyTable(),
    fs: {},
    console: [],
    net: { backlog: [], conns: 0 },
    programs: Object.fromEntries(programs.map((p) => [p.name, p])),
    stats: {
      instrs: 0,
      busy: 0,
      idle: 0,
      switches: 0,
      threadSwitches: 0,
      syscalls: 0,
      forks: 0,
      execs: 0,
      threads: 0,
      cowCopies: 0,
      cowReuses: 0,
    },
  };
  if (!c.init) return fresh;
  // boot: init exists and already sleeps in wait(), like a booted system
  const m = privateCopy(fresh);
  const p = allocProc(m, 'init', 0)!;
  p.mm = vmNew(m, programOf(m, 'init')!.image, p.pid);
  const t = allocTask(m, p, p.pid, 'init', 0);
  t.wchan = 'wait:1';
  setState(m, [], t, 'SLEEPING', 'wait'); // through the guard; boot emits no events
  setProcState(p, 'ALIVE');
  release(m);
  return m;
}

/**
 * True when nothing can ever run again without a new action from outside (a connection, a
 * signal, a spawn): no task running or ready, no I/O or sleep pending, no context switch in
 * progress. Never fails. Precondition: none.
 */
export function isFinished(m: Machine): boolean {
  return m.runq.length === 0 && idle(m);
}

/** No CPU busy or switching and no timer pending. */
function idle(m: Machine): boolean {
  if (m.timers.length > 0) return false;
  for (const c of m.cpus) if (c.cur !== -1 || c.switching > 0) return false;
  return true;
}

/**
 * One clock tick: (1) expired timers fire (I/O completions, sleeps), (2) free CPUs pick a task
 * and STCF/priority may preempt, (3) every CPU runs one instruction of its task (or continues a
 * context switch), then (4) the timer interrupt ends RR slices. Mutates `m`. Precondition: `m` is a
 * private copy (step() clones first). Failure: throws only on a kernel bug (an illegal setState),
 * which step() turns into an error event.
 */
export function tick(m: Machine, ev: KEvent[]): void {
  const t = ++m.clock;
  if (m.timers.length > 0 && m.timers[0].at <= t) {
    let n = 0;
    while (n < m.timers.length && m.timers[n].at <= t) n++;
    const due = m.timers.slice(0, n).sort((a, b) => a.tid - b.tid);
    m.timers = m.timers.slice(n);
    for (const d of due) {
      const sleeping = get(m.tasks, d.tid);
      if (!sleeping || sleeping.state !== 'SLEEPING') continue;
      const task = writable(m, 'tasks', d.tid);
      if (task.io === 1) {
        task.io = 2;
        ev.push({ type: 'io-done', t, pid: task.pid, tid: task.tid });
        wakeIo(m, ev, task);
      } else wakeTask(m, ev, task);
    }
  }
  // every tick writes every CPU (what it ran) and the busy/idle counts
  const cpus = own(m, m, 'cpus');
  for (let i = 0; i < cpus.length; i++) own(m, cpus, i);
  const stats = own(m, m, 'stats');
  beginTick(m, ev);
  for (const c of cpus) {
    c.ranTid = -1;
    c.ranOp = '';
    if (c.switching > 0) {
      c.switching--;
      c.ranOp = 'switch';
      continue;
    }
    if (c.cur === -1) {
      stats.idle++;
      continue;
    }
    stats.busy++;
    const task = writable(m, 'tasks', c.cur);
    runOne(m, ev, task, c);
    timerTick(m, ev, c, task); // the policy accounts the tick whatever the instruction did
  }
}

/**
 * Applies action `a` to private machine `m` in place. Returns false with one 'error' event when the
 * action is illegal (m unchanged) or the kernel failed (m then part-way through the action).
 */
function apply(m: Machine, a: Action): { ok: boolean; events: KEvent[] } {
  const why = checkAction(m, a);
  if (why) return { ok: false, events: [{ type: 'error', t: m.clock, message: why }] };
  const t = m.clock;
  const ev: KEvent[] = [];
  try {
    switch (a.type) {
      case 'tick':
        tick(m, ev);
        break;
      case 'run': {
        // stops early when nothing can happen: finished, or (manual) waiting for a dispatch
        const manual = !isAutomatic(m);
        for (let i = 0; i < a.ticks && !(manual ? idle(m) : isFinished(m)); i++) {
          tick(m, ev);
          if (ev.length > RUN_EVENTS) ev.length = RUN_EVENTS;
        }
        break;
      }
      case 'dispatch': {
        const cpu = own(m, own(m, m, 'cpus'), a.cpu);
        if (cpu.cur !== -1) deschedule(m, ev, writable(m, 'tasks', cpu.cur), 'RUNNABLE', 'preempt');
        dispatch(m, ev, cpu, a.tid);
        break;
      }
      case 'kill':
        kill(m, ev, a.pid, a.signal);
        break;
      case 'spawn': {
        const parent = a.parent ?? (m.config.init ? 1 : 0);
        spawn(m, ev, a.program, parent, a.args ?? [], a.prio ?? 0);
        break;
      }
      case 'connect': {
        const net = own(m, m, 'net');
        const conn = ++net.conns;
        own(m, net, 'backlog').push(conn);
        ev.push({ type: 'connect', t: m.clock, conn });
        wakeup(m, ev, 'accept');
        break;
      }
    }
  } catch (e) {
    const message = `Internal error: ${e instanceof Error ? e.message : String(e)}.`;
    return { ok: false, events: [{ type: 'error', t, message }] };
  }
  return { ok: true, events: ev };
}

/**
 * For batch clients that keep no intermediate states (the OSTEP command line, comparePolicies):
 * applies action `a` to `m`, a machine from privateCopy, changing it in place, and returns the
 * events. Records it already owns are written without a copy, so a long run costs what it
 * changes. Same validation and error events as step(): an illegal action leaves `m` unchanged.
 * Precondition: `m` came from privateCopy. Failure: an 'error' event when `m` is not private
 * (nothing changes) or the action is illegal; after an internal error (a kernel bug) `m` may be
 * part-way through the action. Never throws.
 */
export function stepInPlace(m: Machine, a: Action): KEvent[] {
  if (!isPrivate(m)) {
    const message = 'stepInPlace needs a machine from privateCopy.';
    return [{ type: 'error', t: m.clock, message }];
  }
  const events = apply(m, a).events;
  trimOwned(m);
  return events;
}

/**
 * The model's one entry point: applies action `a` to a private copy of `m` and returns the new
 * machine with the events it produced. The copy shares every record the step does not write
 * (own.ts), so a step costs what it changes. Never mutates `m` and never throws: an illegal
 * action (or an internal error) returns `m` itself and one 'error' event saying what was wrong.
 * Precondition: none.
 */
export function step(m: Machine, a: Action): StepResult {
  const n = privateCopy(m);
  const r = apply(n, a);
  release(n);
  return r.ok ? { machine: n, events: r.events } : { machine: m, events: r.events };
}

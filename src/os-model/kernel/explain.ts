// explain(event): one plain English sentence per event. The same sentences feed the screen
// reader narration, the no-JS transcript and the golden tests.
import type { KEvent, StateReason } from './types.ts';
import { describeStatus, wExitStatus } from './wstatus.ts';
import { SIGNALS } from './state.ts';

function who(pid: number, tid: number): string {
  return tid === pid ? `PID ${pid}` : `thread ${tid} of PID ${pid}`;
}

const BLOCK: Partial<Record<StateReason, string>> = {
  io: 'starts an I/O and blocks until the device answers',
  sleep: 'goes to sleep for a while',
  wait: 'blocks in wait() until a child exits',
  'pipe-read': 'blocks reading an empty pipe',
  'pipe-write': 'blocks writing to a full pipe',
  join: 'blocks until the thread it joins finishes',
  mutex: 'blocks because another thread holds the mutex',
  accept: 'blocks in accept() until a client connects',
};

const READY: Partial<Record<StateReason, string>> = {
  spawn: 'is new and ready to run',
  fork: 'is new and ready to run',
  thread: 'is new and ready to run',
  preempt: 'is preempted and goes back to the ready queue',
  quantum: 'has used up its time slice and goes back to the ready queue',
  yield: 'gives up the CPU and goes back to the ready queue',
  wakeup: 'wakes up and is ready to run',
  cont: 'continues and is ready to run',
};

function q(s: string): string {
  return JSON.stringify(s);
}

/**
 * One sentence describing `e`, starting with a capital letter and ending with a full stop.
 * Precondition: none. Never fails; unknown events get a generic sentence.
 */
export function explain(e: KEvent): string {
  const s = sentence(e) ?? `Something happened (${String((e as { type?: unknown }).type)}).`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(e: KEvent): string | undefined {
  switch (e.type) {
    case 'spawn':
      return e.ppid > 0
        ? `PID ${e.pid} starts running ${e.program}; its parent is PID ${e.ppid}.`
        : `PID ${e.pid} starts running ${e.program}.`;
    case 'fork':
      return `PID ${e.parent} forks; the child is PID ${e.child}.`;
    case 'fork-fail':
      return `PID ${e.pid} calls fork, but the process table is full, so fork returns -1.`;
    case 'exec':
      return `PID ${e.pid} replaces its program with ${e.program}; it keeps its PID and open files.`;
    case 'exec-fail':
      return `PID ${e.pid} tries to exec ${e.program}, which does not exist, so exec returns -1 and the old program goes on.`;
    case 'exit': {
      const how = e.signal
        ? `is killed by signal ${SIGNALS[e.signal]} (${e.signal})`
        : `exits with status ${wExitStatus(e.status)}`;
      return e.ppid > 0
        ? `PID ${e.pid} ${how}; it is a zombie until its parent PID ${e.ppid} waits for it.`
        : `PID ${e.pid} ${how}; no parent will wait for it, so it stays a zombie.`;
    }
    case 'reap':
      return `PID ${e.pid}'s wait returns ${e.child}: child PID ${e.child} ${describeStatus(e.status)} and its entry is freed.`;
    case 'wait-none':
      return `PID ${e.pid} calls wait but has no children, so wait returns -1.`;
    case 'reparent':
      return e.to > 0
        ? `PID ${e.pid} is an orphan now: its parent PID ${e.from} exited, so PID ${e.to} adopts it.`
        : `PID ${e.pid} is an orphan now: its parent PID ${e.from} exited and nobody adopts it.`;
    case 'subreaper':
      return `PID ${e.pid} makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER): orphans among its descendants will go to it, not to init.`;
    case 'signal':
      switch (e.action) {
        case 'terminate':
          return `PID ${e.pid} receives ${e.signal}, whose default action ends the process.`;
        case 'ignore':
          return `PID ${e.pid} receives ${e.signal}, which it ignores.`;
        case 'stop':
          return `PID ${e.pid} receives ${e.signal} and stops.`;
        case 'pending':
          return `PID ${e.pid} receives ${e.signal} in an uninterruptible sleep: the signal stays pending until the wait ends.`;
        default:
          return `PID ${e.pid} receives ${e.signal} and continues.`;
      }
    case 'state': {
      const w = who(e.pid, e.tid);
      switch (e.to) {
        case 'RUNNING':
          return `CPU ${e.cpu} runs ${w}.`;
        case 'RUNNABLE':
          return `${w} ${READY[e.reason] ?? 'is ready to run'}.`;
        case 'SLEEPING':
          return `${w} ${BLOCK[e.reason] ?? 'blocks'}.`;
        case 'STOPPED':
          return `${w} is stopped.`;
        case 'ZOMBIE':
          return e.tid === e.pid ? `${w} has finished running.` : `${w} finishes.`;
        case 'UNUSED':
          return `The kernel frees the task entry of ${w}.`;
        default:
          return `${w} is being created.`;
      }
    }
    case 'switch': {
      const from = e.fromPid < 0 ? `task ${e.from}` : who(e.fromPid, e.from);
      return e.kind === 'process'
        ? `CPU ${e.cpu} switches from ${from} to ${who(e.toPid, e.to)}: it saves one set of registers, loads the other and changes the address space.`
        : `CPU ${e.cpu} switches from ${from} to ${who(e.toPid, e.to)}, a thread of the same process: it swaps registers and keeps the address space.`;
    }
    case 'io-done':
      return `The I/O of ${who(e.pid, e.tid)} completes.`;
    case 'cow':
      return e.copied
        ? `PID ${e.pid} writes to page ${e.page} (${e.region}), which it shares copy-on-write: the page faults and the kernel copies it.`
        : `PID ${e.pid} writes to page ${e.page} (${e.region}), which nobody else uses any more: the kernel just makes it writable.`;
    case 'segfault':
      return `PID ${e.pid} touches address ${e.addr}, which it may not access: a segmentation fault.`;
    case 'open':
      return `PID ${e.pid} opens ${e.path} as fd ${e.fd}.`;
    case 'close':
      return `PID ${e.pid} closes fd ${e.fd}.`;
    case 'dup2':
      return `PID ${e.pid} makes fd ${e.to} refer to the same open file as fd ${e.from}.`;
    case 'pipe':
      return `PID ${e.pid} creates a pipe: fd ${e.rfd} reads from it and fd ${e.wfd} writes to it.`;
    case 'read':
      return e.text === ''
        ? `PID ${e.pid} reads from fd ${e.fd} and gets end of file.`
        : `PID ${e.pid} reads ${q(e.text)} from fd ${e.fd}.`;
    case 'write':
      return e.to === 'console'
        ? `PID ${e.pid} prints ${q(e.text)}.`
        : `PID ${e.pid} writes ${q(e.text)} to ${e.to === 'pipe' ? 'a pipe' : 'a file'} through fd ${e.fd}.`;
    case 'syscall-fail':
      return `PID ${e.pid}'s ${e.name} fails (${e.why}) and returns -1.`;
    case 'thread':
      return `PID ${e.pid} creates thread ${e.created}.`;
    case 'join':
      return `${who(e.pid, e.tid)} joins thread ${e.target}, which has finished.`;
    case 'mutex':
      return e.what === 'acquire'
        ? `${who(e.pid, e.tid)} locks the mutex.`
        : e.what === 'release'
          ? `${who(e.pid, e.tid)} unlocks the mutex.`
          : `${who(e.pid, e.tid)} tries to lock the mutex, but it is held.`;
    case 'mem':
      return e.op === 'load'
        ? `${who(e.pid, e.tid)} loads ${e.value} from address ${e.addr}.`
        : `${who(e.pid, e.tid)} stores ${e.value} at address ${e.addr}.`;
    case 'accept':
      return `PID ${e.pid} accepts connection ${e.conn}.`;
    case 'connect':
      return `Client connection ${e.conn} arrives.`;
    case 'error':
      return e.message;
  }
}

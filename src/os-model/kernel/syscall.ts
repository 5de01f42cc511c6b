// The instruction interpreter and the thin syscall layer: decode one instruction of a RUNNING
// task, fetch its operands, call the kernel function, put the result in r0.
import type { Cpu, Instr, KEvent, Machine, Operand, Proc, Reg, Task } from './types.ts';
import { programOf } from './program.ts';
import {
  exec,
  exit,
  finishIfEmpty,
  finishTask,
  fork,
  join,
  kill,
  sleep,
  threadCreate,
  threadExit,
  wait,
  wakeup,
} from './proc.ts';
import { yieldCpu } from './sched.ts';
import { policyOf } from './policy/registry.ts';
import { close, dup2, open, read, write } from './file.ts';
import { pipeCreate } from './pipe.ts';
import { memRead, memWrite, touchStack } from './vm.ts';
import { randomInt } from './rng.ts';
import { exitStatus, signalStatus } from './wstatus.ts';
import { get } from './table.ts';
import { own, writable } from './own.ts';

const REG: Record<Reg, number> = { r0: 0, r1: 1, r2: 2, r3: 3 };

/**
 * Value of an operand for task `t`. Precondition: none. Never fails.
 */
export function val(t: Task, o: Operand): number {
  return typeof o === 'number' ? o : t.r[REG[o]];
}

/**
 * Fills {pid} {ppid} {tid} {r0}..{r3} {buf} in a print template. Precondition: `t` belongs to a
 * process of `m`. Never fails (unknown keys stay as written).
 */
export function fill(m: Machine, t: Task, text: string): string {
  if (!text.includes('{')) return text;
  return text.replace(/\{(pid|ppid|tid|r[0-3]|buf)\}/g, (_, k: string) => {
    if (k === 'pid') return String(t.pid);
    if (k === 'ppid') return String(get(m.procs, t.pid)!.ppid);
    if (k === 'tid') return String(t.tid);
    if (k === 'buf') return t.buf;
    return String(t.r[REG[k as Reg]]);
  });
}

/**
 * Adds a wake-up timer for `tid` at tick `at`, keeping timers sorted by (at, tid). Precondition:
 * `m` is private (own.ts) and `tid` has no other timer pending. Never fails.
 */
export function addTimer(m: Machine, at: number, tid: number): void {
  const ts = own(m, m, 'timers');
  let i = ts.length;
  while (i > 0 && (ts[i - 1].at > at || (ts[i - 1].at === at && ts[i - 1].tid > tid))) i--;
  ts.splice(i, 0, { at, tid });
}

function fail(m: Machine, ev: KEvent[], p: Proc, name: string, why: string): number {
  ev.push({ type: 'syscall-fail', t: m.clock, pid: p.pid, name, why });
  return -1;
}

function segv(m: Machine, ev: KEvent[], p: Proc, addr: number): void {
  ev.push({ type: 'segfault', t: m.clock, pid: p.pid, addr });
  ev.push({ type: 'signal', t: m.clock, pid: p.pid, signal: 'SIGSEGV', action: 'terminate' });
  exit(m, ev, p, signalStatus('SIGSEGV'), 'SIGSEGV');
}

function cmp(a: number, c: Extract<Instr, { op: 'br' }>['cmp'], b: number): boolean {
  switch (c) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * Runs one tick of RUNNING task `t` on `cpu`: one instruction (a compute n takes n ticks), or,
 * at the end of its code, the implicit return from main. Records what ran in cpu.ran/cpu.op.
 * A task whose last instruction just ran finishes in the same tick. Precondition: t RUNNING on
 * cpu, both writable (own.ts). Never fails (program errors become signals or -1 results).
 */
export function runOne(m: Machine, ev: KEvent[], t: Task, cpu: Cpu): void {
  cpu.ranTid = t.tid;
  const prog = programOf(m, t.prog);
  if (!prog || (t.pc >= prog.code.length && t.io === 0 && t.left === 0)) {
    cpu.ranOp = 'exit';
    finishTask(m, ev, t);
    return;
  }
  const ins = prog.code[t.pc];
  const p = writable(m, 'procs', t.pid);
  cpu.ranOp = ins.op;
  own(m, m, 'stats').instrs++;
  t.runTicks++;
  p.cpuTicks++;
  touchStack(m, ev, p, t.sp); // a child's first instruction after fork writes its stack
  execInstr(m, ev, t, p, ins, cpu);
  if (t.state === 'RUNNING') {
    if (t.pc >= prog.code.length && t.io === 0 && t.left === 0 && t.prog === prog.name)
      finishTask(m, ev, t);
  } else if (policyOf(m).finishEmpty) {
    // OSTEP process-run checks the newly dispatched process too (its finishIfEmpty)
    finishIfEmpty(m, ev, cpu);
  }
}

function execInstr(m: Machine, ev: KEvent[], t: Task, p: Proc, ins: Instr, cpu: Cpu): void {
  const r = t.r; // the task is writable, and so are its registers (own.ts)
  switch (ins.op) {
    case 'compute':
      if (t.left === 0) t.left = ins.n;
      if (--t.left === 0) t.pc++;
      return;
    case 'set':
      r[REG[ins.reg]] = val(t, ins.v);
      t.pc++;
      return;
    case 'add':
      r[REG[ins.reg]] += val(t, ins.v);
      t.pc++;
      return;
    case 'and':
      r[REG[ins.reg]] &= val(t, ins.v);
      t.pc++;
      return;
    case 'shr':
      r[REG[ins.reg]] >>= val(t, ins.v);
      t.pc++;
      return;
    case 'count':
      // a loop over the buffer the last read filled, as one instruction: reg += occurrences of ch
      r[REG[ins.reg]] += ins.ch === '' ? 0 : t.buf.split(ins.ch).length - 1;
      t.pc++;
      return;
    case 'jmp':
      t.pc = ins.to;
      return;
    case 'br':
      t.pc = cmp(r[REG[ins.reg]], ins.cmp, ins.v) ? ins.to : t.pc + 1;
      return;
    case 'loop':
      t.pc = --r[REG[ins.reg]] > 0 ? ins.to : t.pc + 1;
      return;
    case 'load': {
      const v = memRead(m, p, ins.addr);
      if (v === null) return segv(m, ev, p, ins.addr);
      r[REG[ins.reg]] = v;
      ev.push({
        type: 'mem',
        t: m.clock,
        pid: p.pid,
        tid: t.tid,
        op: 'load',
        addr: ins.addr,
        value: v,
      });
      t.pc++;
      return;
    }
    case 'store': {
      const v = r[REG[ins.reg]];
      if (!memWrite(m, ev, p, ins.addr, v)) return segv(m, ev, p, ins.addr);
      ev.push({
        type: 'mem',
        t: m.clock,
        pid: p.pid,
        tid: t.tid,
        op: 'store',
        addr: ins.addr,
        value: v,
      });
      t.pc++;
      return;
    }
  }
  // everything below is a system call
  own(m, m, 'stats').syscalls++;
  switch (ins.op) {
    case 'io':
      if (t.io === 2) {
        cpu.ranOp = 'io_done';
        t.io = 0;
        t.pc++;
        return;
      }
      {
        const jitter = m.config.jitter > 0 ? randomInt(m, m.config.jitter + 1) : 0;
        const lat = (ins.ticks ?? m.config.latency[ins.dev]) + jitter;
        t.io = 1;
        addTimer(m, m.clock + lat + 1, t.tid);
        sleep(m, ev, t, 'io', 'io');
      }
      return;
    case 'sleep':
      t.pc++;
      addTimer(m, m.clock + ins.ticks + 1, t.tid);
      sleep(m, ev, t, 'sleep', 'sleep');
      return;
    case 'fork': {
      t.pc++;
      r[0] = fork(m, ev, t);
      touchStack(m, ev, p, t.sp); // the parent writes its stack as fork returns: it copies first
      return;
    }
    case 'exec':
      if (!exec(m, ev, t, ins.prog)) {
        r[0] = -1;
        t.pc++;
      }
      return;
    case 'exit':
      exit(m, ev, p, exitStatus(val(t, ins.status)));
      return;
    case 'wait': {
      const res = wait(m, ev, t, ins.nohang);
      if (res === 'block') sleep(m, ev, t, `wait:${p.pid}`, 'wait');
      else {
        r[0] = res[0];
        r[1] = res[1];
        t.pc++;
      }
      return;
    }
    case 'kill': {
      const target = val(t, ins.pid);
      t.pc++;
      r[0] = kill(m, ev, target, ins.sig);
      if (r[0] < 0) fail(m, ev, p, 'kill', 'no such process');
      return;
    }
    case 'getpid':
      r[0] = p.pid;
      t.pc++;
      return;
    case 'subreaper':
      p.subreaper = true;
      ev.push({ type: 'subreaper', t: m.clock, pid: p.pid });
      r[0] = 0;
      t.pc++;
      return;
    case 'yield':
      t.pc++;
      if (m.runq.length > 0) yieldCpu(m, ev, t, 'yield');
      return;
    case 'open':
      r[0] = open(m, ev, p, ins.path, ins.cloexec === true);
      if (r[0] < 0) fail(m, ev, p, 'open', 'too many open files');
      t.pc++;
      return;
    case 'close': {
      const fd = val(t, ins.fd);
      r[0] = close(m, ev, p, fd);
      if (r[0] < 0) fail(m, ev, p, 'close', `fd ${fd} is not open`);
      t.pc++;
      return;
    }
    case 'dup2':
      r[0] = dup2(m, ev, p, val(t, ins.from), val(t, ins.to));
      if (r[0] < 0) fail(m, ev, p, 'dup2', 'bad file descriptor');
      t.pc++;
      return;
    case 'read': {
      const fd = val(t, ins.fd);
      const res = read(m, ev, t, fd, ins.n);
      if (res === 'block') return;
      if (res === null) r[0] = fail(m, ev, p, 'read', `fd ${fd} is not open for reading`);
      else {
        r[0] = res.length;
        t.buf = res;
      }
      t.pc++;
      return;
    }
    case 'write':
    case 'print': {
      const fd = ins.op === 'print' ? 1 : val(t, ins.fd);
      const res = write(m, ev, t, fd, fill(m, t, ins.text));
      if (res === 'block') return;
      if (res < 0) fail(m, ev, p, 'write', `fd ${fd} cannot be written`);
      if (ins.op === 'write') r[0] = res;
      t.pc++;
      return;
    }
    case 'readdir': {
      // getdents: entry n of the one directory, in name order; r0 = 1, or 0 past the last
      const name = Object.keys(m.fs).sort()[val(t, ins.n)];
      r[0] = name === undefined ? 0 : 1;
      t.buf = name ?? '';
      t.pc++;
      return;
    }
    case 'pipe': {
      const fds = pipeCreate(m, ev, p);
      if (fds) [r[0], r[1]] = fds;
      else r[0] = fail(m, ev, p, 'pipe', 'too many open files');
      t.pc++;
      return;
    }
    case 'accept': {
      if (m.net.backlog.length === 0) return sleep(m, ev, t, 'accept', 'accept');
      const conn = own(m, own(m, m, 'net'), 'backlog').shift()!;
      r[0] = conn;
      ev.push({ type: 'accept', t: m.clock, pid: p.pid, conn });
      t.pc++;
      return;
    }
    case 'thread':
      t.pc++;
      r[0] = threadCreate(m, ev, t, ins.to, ins.arg === undefined ? 0 : val(t, ins.arg));
      return;
    case 'join': {
      const res = join(m, ev, t, val(t, ins.tid));
      if (res === 'block') return sleep(m, ev, t, `join:${val(t, ins.tid)}`, 'join');
      if (res < 0) fail(m, ev, p, 'join', 'no such thread');
      r[0] = res;
      t.pc++;
      return;
    }
    case 'texit':
      t.pc++;
      threadExit(m, ev, t);
      return;
    case 'lock': {
      const v = memRead(m, p, ins.addr);
      if (v === null) return segv(m, ev, p, ins.addr);
      if (v === 0) {
        if (!memWrite(m, ev, p, ins.addr, t.tid)) return segv(m, ev, p, ins.addr);
        ev.push({
          type: 'mutex',
          t: m.clock,
          pid: p.pid,
          tid: t.tid,
          addr: ins.addr,
          what: 'acquire',
        });
        r[0] = 0;
        t.pc++;
      } else if (v === t.tid) {
        r[0] = fail(m, ev, p, 'mutex_lock', 'the caller already holds it');
        t.pc++;
      } else {
        ev.push({
          type: 'mutex',
          t: m.clock,
          pid: p.pid,
          tid: t.tid,
          addr: ins.addr,
          what: 'block',
        });
        sleep(m, ev, t, `mx:${p.pid}:${ins.addr}`, 'mutex');
      }
      return;
    }
    case 'unlock': {
      const v = memRead(m, p, ins.addr);
      if (v === null) return segv(m, ev, p, ins.addr);
      t.pc++;
      if (v !== t.tid) {
        r[0] = fail(m, ev, p, 'mutex_unlock', 'the caller does not hold it');
        return;
      }
      memWrite(m, ev, p, ins.addr, 0);
      ev.push({
        type: 'mutex',
        t: m.clock,
        pid: p.pid,
        tid: t.tid,
        addr: ins.addr,
        what: 'release',
      });
      r[0] = 0;
      wakeup(m, ev, `mx:${p.pid}:${ins.addr}`);
      return;
    }
  }
}

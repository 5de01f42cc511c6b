// The process control block, two ways: as xv6's `struct proc` (kernel/proc.h) and as a digest
// of Linux's `struct task_struct` (include/linux/sched.h), each field filled from the model's
// process and its main task. A rule about presentation, not about the machine: nothing here
// changes a machine. Where the model keeps nothing for a field, the value says so in words.
import type { Machine, TaskState } from '../kernel/types.ts';
import { get } from '../kernel/table.ts';
import { PAGE_WORDS } from '../kernel/program.ts';
import { sleepKind } from '../kernel/proc.ts';
import { wExitStatus } from '../kernel/wstatus.ts';
import { vmasOf, X86_PAGE } from './layout.ts';
import type { Switches } from './procfiles.ts';

/** One field of a control block: its declaration, its value now, and what it is for. */
export type PcbField = {
  /** The C declaration, as the source writes it ("enum procstate state;"). */
  decl: string;
  /** Its value in the model now, in words or numbers. */
  value: string;
  /** What it is for, in a sentence. */
  note: string;
};

export type Pcb = {
  pid: number;
  /** ok: a process; zombie: exited, not yet reaped; gone: no such process. */
  status: 'ok' | 'zombie' | 'gone';
  xv6: PcbField[];
  linux: PcbField[];
};

/** xv6's procstate for a model task state (xv6 has no stopped state and calls EMBRYO USED). */
const XV6_STATE: Record<TaskState, string> = {
  UNUSED: 'UNUSED',
  EMBRYO: 'USED',
  RUNNABLE: 'RUNNABLE',
  RUNNING: 'RUNNING',
  SLEEPING: 'SLEEPING',
  STOPPED: 'SLEEPING (xv6 has no stopped state)',
  ZOMBIE: 'ZOMBIE',
};

function regs(vals: number[]): string {
  const [pc, sp, ...r] = vals;
  return `pc ${pc}, sp ${sp}, ${r.map((v, i) => `r${i} ${v}`).join(', ')}`;
}

/**
 * Both lenses on process `pid` (its main task for the per-thread fields). `sw` gives the context
 * switches counted so far (procfiles.ts switchesOf), for Linux's nvcsw and nivcsw. Precondition:
 * none. Never fails (an unknown pid gives status 'gone' and no fields).
 */
export function pcbOf(m: Machine, pid: number, sw: Switches = {}): Pcb {
  const p = get(m.procs, pid);
  if (!p) return { pid, status: 'gone', xv6: [], linux: [] };
  const t = get(m.tasks, pid) ?? (p.tids.length > 0 ? get(m.tasks, p.tids[0]) : undefined);
  const zombie = p.state === 'ZOMBIE';
  const state: TaskState = zombie ? 'ZOMBIE' : (t?.state ?? 'ZOMBIE');
  const running = t?.state === 'RUNNING';
  const pages = p.mm ? Object.keys(p.mm.pt).length : 0;
  const open = p.fds.map((fd, n) => (fd ? n : -1)).filter((n) => n >= 0);
  const saved = t && t.ctx.length === 6 ? regs(t.ctx) : null;
  const live = t ? regs([t.pc, t.sp, ...t.r]) : '';
  const files = open.length === 0 ? 'none open' : `fds ${open.join(', ')} open`;
  const xv6: PcbField[] = [
    {
      decl: 'enum procstate state;',
      value: XV6_STATE[state],
      note: 'Where it is in its life; the scheduler picks only RUNNABLE ones.',
    },
    {
      decl: 'void *chan;',
      value: t?.wchan ? `“${t.wchan}”` : '0 (not sleeping)',
      note: 'What it sleeps on; wakeup(chan) makes every process sleeping on it runnable.',
    },
    {
      decl: 'int killed;',
      value: p.pending ? `1 (${p.pending} pending)` : '0',
      note: 'Set by kill(); the process exits the next time it leaves the kernel.',
    },
    {
      decl: 'int xstate;',
      value: zombie ? String(wExitStatus(p.status)) : '0 (still running)',
      note: 'The exit status its parent’s wait() will collect.',
    },
    { decl: 'int pid;', value: String(pid), note: 'Its process id.' },
    {
      decl: 'struct proc *parent;',
      value: p.ppid > 0 ? `→ the proc of PID ${p.ppid}` : '0 (none)',
      note: 'Whom it reports its exit to.',
    },
    {
      decl: 'uint64 kstack;',
      value: 'its own kernel stack page',
      note: 'The stack the kernel runs on while it serves this process.',
    },
    {
      decl: 'uint64 sz;',
      value: zombie ? '0 (memory freed)' : `${pages * PAGE_WORDS} words (${pages} pages)`,
      note: 'How much user memory it has.',
    },
    {
      decl: 'pagetable_t pagetable;',
      value: zombie ? '0 (freed)' : `${pages} pages mapped`,
      note: 'Its own page table: its address space.',
    },
    {
      decl: 'struct trapframe *trapframe;',
      value: running
        ? `live in the CPU: ${live}`
        : saved
          ? saved
          : t
            ? `prepared: ${live}`
            : 'none',
      note: 'The user registers, saved on every trap into the kernel and restored on return.',
    },
    {
      decl: 'struct context context;',
      value: running ? 'in use (it is running)' : 'saved at its last switch',
      note: 'The kernel registers swtch() saves to leave it and restores to resume it.',
    },
    {
      decl: 'struct file *ofile[NOFILE];',
      value: files,
      note: 'Its open files, indexed by file descriptor.',
    },
    {
      decl: 'struct inode *cwd;',
      value: '/ (the model has one directory)',
      note: 'Its current directory.',
    },
    {
      decl: 'char name[16];',
      value: `“${p.name.slice(0, 15)}”`,
      note: 'Its name, for debugging and ps.',
    },
  ];
  const linuxState = zombie
    ? 'EXIT_ZOMBIE (in exit_state)'
    : state === 'RUNNING' || state === 'RUNNABLE'
      ? 'TASK_RUNNING'
      : state === 'SLEEPING' && t
        ? sleepKind(m, t) === 'interruptible'
          ? 'TASK_INTERRUPTIBLE'
          : sleepKind(m, t) === 'killable'
            ? 'TASK_KILLABLE'
            : 'TASK_UNINTERRUPTIBLE'
        : state === 'STOPPED'
          ? '__TASK_STOPPED'
          : 'TASK_NEW';
  const vmas = vmasOf(m, pid);
  const totalVm = vmas.reduce((n, v) => n + (v.end - v.start) / X86_PAGE, 0);
  const c = t ? sw[t.tid] : undefined;
  const linux: PcbField[] = [
    {
      decl: 'unsigned int __state;',
      value: linuxState,
      note: 'TASK_RUNNING covers both running and ready to run; the sleeps say how a signal may end them.',
    },
    {
      decl: 'pid_t pid;',
      value: String(t?.tid ?? pid),
      note: 'This thread’s id (for the main thread, the PID).',
    },
    {
      decl: 'pid_t tgid;',
      value: String(pid),
      note: 'Thread-group id: the PID every thread of the process shares.',
    },
    {
      decl: 'struct task_struct *real_parent;',
      value: p.ppid > 0 ? `→ PID ${p.ppid}` : 'none',
      note: 'The parent that gets SIGCHLD and reaps it.',
    },
    {
      decl: 'char comm[16];',
      value: `“${p.name.slice(0, 15)}”`,
      note: 'The command name /proc and ps show.',
    },
    {
      decl: 'struct mm_struct *mm;',
      value: zombie
        ? 'NULL (released at exit)'
        : `${vmas.length} areas, ${totalVm} pages of 4 KiB mapped, ${pages} of them resident in the model`,
      note: 'The address space; every thread of the process points at the same one.',
    },
    {
      decl: 'struct files_struct *files;',
      value: zombie ? 'NULL (closed at exit)' : files,
      note: 'The file-descriptor table, shared by threads.',
    },
    {
      decl: 'int on_cpu; (thread_info.cpu)',
      value: running && t ? `1, on CPU ${t.cpu}` : '0',
      note: 'Whether it runs now, and where.',
    },
    {
      decl: 'unsigned int policy; int static_prio;',
      value: 'SCHED_NORMAL, 120 (nice 0)',
      note: 'Which scheduling class picks it, and its weight there.',
    },
    {
      decl: 'struct sched_entity se; (se.sum_exec_runtime)',
      value: `${t?.runTicks ?? 0} ticks of CPU`,
      note: 'The fair scheduler’s bookkeeping: how much CPU it has had.',
    },
    {
      decl: 'unsigned long nvcsw, nivcsw;',
      value: `${c?.voluntary ?? 0} voluntary, ${c?.involuntary ?? 0} involuntary`,
      note: 'Context switches so far: by blocking, and by being preempted.',
    },
    {
      decl: 'struct thread_struct thread;',
      value: running
        ? 'in use (it is running)'
        : saved
          ? `saved: ${saved}`
          : 'not switched out yet',
      note: 'The registers saved when it is switched out (its kernel stack pointer and more).',
    },
    {
      decl: 'void *stack;',
      value: '16 KiB kernel stack on x86-64',
      note: 'Its kernel stack: THREAD_SIZE, four 4 KiB pages.',
    },
    {
      decl: 'int exit_state; int exit_code;',
      value: zombie ? `EXIT_ZOMBIE, ${p.status}` : '0, 0',
      note: 'Set at exit; the parent’s wait reads exit_code.',
    },
  ];
  return { pid, status: zombie ? 'zombie' : 'ok', xv6, linux };
}

// The path of one kernel entry through real kernel code, step by step, holding the model's values:
// a timer interrupt that ends a slice and switches tasks, a system call that returns at once, and
// a system call that blocks and so switches. Two kernels: xv6-riscv (kernel/trampoline.S,
// trap.c, proc.c, swtch.S at mit-pdos/xv6-riscv) and Linux x86-64 (arch/x86/entry/entry_64.S,
// kernel/sched/core.c, arch/x86/mm/tlb.c, arch/x86/kernel/process_64.c).
//
// The model decides what happens (which task runs, when its slice ends, which call blocks, the
// registers each task holds); this file lays that decision along the kernel's code path. The
// registers the reader sees are the model's user-visible registers (pc, sp, r0–r3: the model's
// ISA, kernel/types.ts), saved where the real kernel saves user registers: xv6's trapframe page
// (p->trapframe) or Linux's struct pt_regs at the top of the task's kernel stack. The kernel's
// own callee-saved registers (xv6's struct context, Linux's inactive_task_frame) hold kernel
// values the model does not simulate, so they are named, not given numbers.
import type { KEvent, Machine, Task } from '../../kernel/types.ts';
import { get } from '../../kernel/table.ts';
import { step } from '../../kernel/machine.ts';

export type Flavour = 'xv6' | 'linux';
/** timer: an interrupt ends the slice; syscall: getpid() returns at once; block: read() sleeps. */
export type PathKind = 'timer' | 'syscall' | 'block';
export const FLAVOURS: readonly Flavour[] = ['xv6', 'linux'];
export const PATH_KINDS: readonly PathKind[] = ['timer', 'syscall', 'block'];

/** A task's user-visible registers in the model: program counter, stack pointer, r0–r3. */
export type UserRegs = { pc: number; sp: number; r: number[] };

/** Where one task's state is, at one step. */
export type TaskSave = {
  tid: number;
  pid: number;
  /** Its saved user registers (trapframe or pt_regs), or null while they are live in the CPU. */
  trapframe: UserRegs | null;
  /** What holds its kernel context, or null when it has none saved (it is running). */
  context: string | null;
};

export type PathStep = {
  /** The function or code the CPU is in. */
  fn: string;
  /** Its file in the kernel's source. */
  file: string;
  /** A few lines of that code, abridged ('…' marks what is left out; '#' lines are notes). */
  code: string[];
  /** One sentence: what happens at this step. */
  text: string;
  mode: 'user' | 'kernel';
  /** The task whose code or kernel stack the CPU is on; -1 for xv6's per-CPU scheduler. */
  on: number;
  /** The stack in use, in words. */
  stack: string;
  /** The page table the CPU translates through. */
  pageTable: string;
  /** What the TLB holds. */
  tlb: string;
  /** The registers live in the CPU: a task's user registers in user mode, else null. */
  cpu: UserRegs | null;
  /** Each task of the path, where its state is. */
  saved: TaskSave[];
  /** This step runs scheduler code (picks or switches to another task). */
  scheduler: boolean;
  /** Set on a step the path passes without doing its work, with the reason. */
  skipped?: string;
};

export type SwitchPath = {
  flavour: Flavour;
  kind: PathKind;
  /** The tick of the model's run at which the entry happens. */
  tick: number;
  /** The task that enters the kernel, and the one that runs after (the same for a syscall). */
  from: Task;
  to: Task;
  /** process: different address spaces; thread: same process; none: no switch. */
  switchKind: 'process' | 'thread' | 'none';
  steps: PathStep[];
  /** Where the interrupted task's program counter is right after the trap (the predict question). */
  pcAfterTrap: PcPlace;
};

/** The places a reader may answer for "after the trap, where is the user's program counter?". */
export type PcPlace = 'cpu' | 'user-stack' | 'trapframe' | 'context';
export const PC_PLACES: readonly PcPlace[] = ['cpu', 'user-stack', 'trapframe', 'context'];

const regsOf = (t: Task): UserRegs => ({ pc: t.pc, sp: t.sp, r: [...t.r] });
const savedRegs = (t: Task): UserRegs => ({ pc: t.ctx[0], sp: t.ctx[1], r: t.ctx.slice(2) });
const name = (t: Task) => (t.tid === t.pid ? `PID ${t.pid}` : `thread ${t.tid} of PID ${t.pid}`);

/** The machine's run, tick by tick, until `found` says which tick to stop at. */
type Found = { before: Machine; after: Machine; events: KEvent[] };
function findTick(m: Machine, found: (f: Found) => boolean, limit = 200): Found | null {
  for (let i = 0; i < limit; i++) {
    const r = step(m, { type: 'tick' });
    const f = { before: m, after: r.machine, events: r.events };
    if (found(f)) return f;
    m = r.machine;
  }
  return null;
}

/**
 * The path of the `nth` (1-based) entry of `kind` in the run of machine `start`: for 'timer', the
 * nth switch at the end of a slice; for 'syscall', the nth getpid; for 'block', the nth switch
 * away from a task that blocked. Precondition: `start` is a scenario's start machine. Failure: an
 * error value with a sentence when the run has no such entry, or when xv6 is asked for a switch
 * between threads (xv6 processes have one thread each).
 */
export function switchPath(
  start: Machine,
  flavour: Flavour,
  kind: PathKind,
  nth = 1,
): { ok: true; value: SwitchPath } | { ok: false; error: string } {
  let seen = 0;
  const f = findTick(start, ({ before, events }) => {
    let hit: boolean;
    if (kind === 'syscall') {
      const cpu = before.cpus[0];
      const t = cpu && cpu.cur >= 0 ? get(before.tasks, cpu.cur) : undefined;
      const prog = t ? before.programs[t.prog] : undefined;
      hit = !!t && !!prog && prog.code[t.pc]?.op === 'getpid' && t.left === 0;
    } else {
      const sw = events.find((e) => e.type === 'switch');
      const why = events.find(
        (e) => e.type === 'state' && e.from === 'RUNNING' && sw && e.tid === sw.from,
      );
      const reason = why && why.type === 'state' ? why.reason : '';
      hit =
        !!sw &&
        (kind === 'timer' ? reason === 'quantum' : why?.type === 'state' && why.to === 'SLEEPING');
    }
    if (hit) seen++;
    return hit && seen === nth;
  });
  if (!f) return { ok: false, error: `The run has no ${ordinal(nth)} ${ENTRY_WORDS[kind]}.` };
  const { before, after, events } = f;
  const sw = events.find((e) => e.type === 'switch');
  const fromTid = sw && sw.type === 'switch' ? sw.from : before.cpus[0].cur;
  const toTid = sw && sw.type === 'switch' ? sw.to : fromTid;
  const fromAfter = get(after.tasks, fromTid)!;
  const from = kind === 'syscall' ? get(before.tasks, fromTid)! : fromAfter;
  const to = get(after.tasks, toTid)!;
  const switchKind = !sw || sw.type !== 'switch' ? 'none' : sw.kind;
  if (flavour === 'xv6' && switchKind === 'thread')
    return {
      ok: false,
      error:
        'xv6 has no threads: each of its processes runs one. Choose Linux to step through a switch between two threads of one process.',
    };
  const build = flavour === 'xv6' ? xv6Steps : linuxSteps;
  const steps =
    kind === 'syscall'
      ? build.syscall(regsOf(from), regsOf(fromAfter), from)
      : build.switch(
          kind,
          savedRegs(fromAfter),
          from,
          to,
          regsOf(to),
          switchKind,
          isFresh(before, to),
        );
  if (kind === 'timer') {
    // The interrupted program itself, its C listing with the line it was on marked.
    const prog = start.programs[from.prog];
    const ins = prog?.code[savedRegs(fromAfter).pc];
    if (prog && ins)
      steps[0] = {
        ...steps[0],
        file: `${prog.name}: its C listing, → at the line it was running`,
        code: prog.source.map((l, i) => `${i + 1 === ins.line ? '→' : ' '} ${l}`),
      };
  }
  return {
    ok: true,
    value: {
      flavour,
      kind,
      tick: after.clock,
      from,
      to,
      switchKind,
      steps,
      pcAfterTrap: 'trapframe',
    },
  };
}

const ENTRY_WORDS: Record<PathKind, string> = {
  timer: 'switch at the end of a time slice',
  syscall: 'getpid() system call',
  block: 'switch away from a task that blocked',
};
const ordinal = (n: number) =>
  n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;

/** The task has never run: forked or created and not yet dispatched before this tick. */
function isFresh(before: Machine, t: Task): boolean {
  const b = get(before.tasks, t.tid);
  return !!b && b.ctx.length === 0;
}

type Builders = {
  syscall: (regs: UserRegs, after: UserRegs, t: Task) => PathStep[];
  switch: (
    kind: PathKind,
    fromRegs: UserRegs,
    from: Task,
    to: Task,
    toRegs: UserRegs,
    switchKind: 'process' | 'thread' | 'none',
    fresh: boolean,
  ) => PathStep[];
};

/** A save record. */
const save = (t: Task, trapframe: UserRegs | null, context: string | null): TaskSave => ({
  tid: t.tid,
  pid: t.pid,
  trapframe,
  context,
});

// ---- xv6-riscv ---------------------------------------------------------------------------------

const XV6_CONTEXT = (t: Task) =>
  `${name(t)}'s p->context in its struct proc: ra (the return address, in sched()), sp (its kernel stack), s0–s11`;

const xv6Steps: Builders = {
  syscall(regs, after, t) {
    const me = name(t);
    const pt = `${me}'s user page table`;
    const kpt = 'the kernel page table';
    const u = (cpu: UserRegs): Omit<PathStep, 'fn' | 'file' | 'code' | 'text'> => ({
      mode: 'user',
      on: t.tid,
      stack: `${me}'s user stack`,
      pageTable: pt,
      tlb: `${me}'s user translations`,
      cpu,
      saved: [save(t, null, null)],
      scheduler: false,
    });
    const k = (tf: UserRegs, tlb: string) => ({
      mode: 'kernel' as const,
      on: t.tid,
      stack: `${me}'s kernel stack`,
      pageTable: kpt,
      tlb,
      cpu: null,
      saved: [save(t, tf, null)],
      scheduler: false,
    });
    return [
      {
        fn: 'getpid() in the C library',
        file: 'user/usys.S (made by usys.pl)',
        code: ['getpid:', ' li a7, SYS_getpid', ' ecall', ' ret'],
        text: `${me} runs in user mode and executes ecall: a trap into the kernel on purpose.`,
        ...u(regs),
      },
      {
        fn: 'uservec',
        file: 'kernel/trampoline.S',
        code: [
          'sd ra, 40(a0)',
          'sd sp, 48(a0)',
          '…',
          'ld sp, 8(a0)',
          'csrw satp, t1',
          'sfence.vma zero, zero',
          'jr t0',
        ],
        text: `The CPU jumps to uservec, which saves all ${me}'s user registers in its trapframe page, loads its kernel stack pointer and switches to the kernel page table, flushing the TLB.`,
        ...k(regs, 'flushed by sfence.vma: empty'),
      },
      {
        fn: 'usertrap()',
        file: 'kernel/trap.c',
        code: [
          'p->trapframe->epc = r_sepc();',
          'if(r_scause() == 8){',
          '  p->trapframe->epc += 4;',
          '  intr_on();',
          '  syscall();',
        ],
        text: 'usertrap() sees a system call (scause 8), moves the saved pc past the ecall and calls syscall().',
        ...k({ ...regs, pc: after.pc }, 'kernel translations, filling on use'),
      },
      {
        fn: 'sys_getpid()',
        file: 'kernel/sysproc.c',
        code: ['uint64', 'sys_getpid(void)', '{', '  return myproc()->pid;', '}'],
        text: `sys_getpid() returns ${t.pid}; syscall() stores it in the trapframe's a0, the model's r0. No other process is involved and the scheduler is never called.`,
        ...k(after, 'kernel translations'),
      },
      {
        fn: 'usertrapret()',
        file: 'kernel/trap.c',
        code: [
          'w_stvec(trampoline_uservec);',
          'p->trapframe->kernel_sp = p->kstack + PGSIZE;',
          'w_sepc(p->trapframe->epc);',
          'uint64 satp = MAKE_SATP(p->pagetable);',
        ],
        text: `usertrapret() prepares the return: the saved pc goes to sepc and ${me}'s own page table is chosen.`,
        ...k(after, 'kernel translations'),
      },
      {
        fn: 'userret',
        file: 'kernel/trampoline.S',
        code: [
          'sfence.vma zero, zero',
          'csrw satp, a0',
          'sfence.vma zero, zero',
          '…',
          'ld a0, 112(a0)',
          'sret',
        ],
        text: `userret switches back to ${me}'s page table (another TLB flush), reloads its registers from the trapframe and returns to user mode with getpid's result in r0.`,
        ...u(after),
        tlb: 'flushed by sfence.vma: refills on use',
      },
    ];
  },

  switch(kind, fromRegs, from, to, toRegs, _switchKind, fresh) {
    const a = name(from);
    const b = name(to);
    const timer = kind === 'timer';
    const aCtx = XV6_CONTEXT(from);
    const bCtx = fresh
      ? `${b}'s p->context, set by allocproc(): ra = forkret, sp = the top of its kernel stack`
      : XV6_CONTEXT(to);
    const inA = (tf: UserRegs | null, ctx: string | null, bTf: UserRegs, bC: string) => [
      save(from, tf, ctx),
      save(to, bTf, bC),
    ];
    const kA = {
      mode: 'kernel' as const,
      on: from.tid,
      stack: `${a}'s kernel stack`,
      pageTable: 'the kernel page table',
      tlb: 'kernel translations, filling on use',
      cpu: null,
      scheduler: false,
    };
    const steps: PathStep[] = [
      {
        fn: timer ? `${a}'s program` : 'read() in the C library',
        file: timer ? 'the user program' : 'user/usys.S (made by usys.pl)',
        code: timer ? ['(any user instruction)'] : ['read:', ' li a7, SYS_read', ' ecall'],
        text: timer
          ? `${a} runs in user mode; its registers are live in the CPU. The timer interrupt arrives.`
          : `${a} runs in user mode and calls read() on an empty pipe: ecall traps into the kernel.`,
        mode: 'user',
        on: from.tid,
        stack: `${a}'s user stack`,
        pageTable: `${a}'s user page table`,
        tlb: `${a}'s user translations`,
        cpu: fromRegs,
        saved: inA(null, null, toRegs, bCtx),
        scheduler: false,
      },
      {
        fn: 'uservec',
        file: 'kernel/trampoline.S',
        code: [
          'sd ra, 40(a0)',
          'sd sp, 48(a0)',
          '…',
          'ld sp, 8(a0)',
          'csrw satp, t1',
          'sfence.vma zero, zero',
          'jr t0',
        ],
        text: `The CPU saves the pc in sepc and jumps to uservec, which stores ${a}'s user registers in its trapframe page, loads its kernel stack pointer and switches to the kernel page table, flushing the TLB.`,
        ...kA,
        tlb: 'flushed by sfence.vma: empty',
        saved: inA(fromRegs, null, toRegs, bCtx),
      },
      timer
        ? {
            fn: 'usertrap()',
            file: 'kernel/trap.c',
            code: [
              'p->trapframe->epc = r_sepc();',
              '…',
              '} else if((which_dev = devintr()) != 0){',
              '…',
              'if(which_dev == 2)',
              '  yield();',
            ],
            text: 'usertrap() records the pc in the trapframe, finds a timer interrupt (devintr() returns 2) and calls yield().',
            ...kA,
            saved: inA(fromRegs, null, toRegs, bCtx),
          }
        : {
            fn: 'piperead()',
            file: 'kernel/pipe.c',
            code: [
              'while(pi->nread == pi->nwrite && pi->writeopen){',
              '  …',
              '  sleep(&pi->nread, &pi->lock);',
              '}',
            ],
            text: `usertrap() calls syscall(), which calls sys_read() and piperead(). The pipe is empty, so piperead() calls sleep(), which marks ${a} SLEEPING and calls sched().`,
            ...kA,
            saved: inA(fromRegs, null, toRegs, bCtx),
          },
    ];
    if (timer)
      steps.push({
        fn: 'yield()',
        file: 'kernel/proc.c',
        code: ['acquire(&p->lock);', 'p->state = RUNNABLE;', 'sched();', 'release(&p->lock);'],
        text: `yield() marks ${a} RUNNABLE and calls sched(): ${a} gives up the CPU but stays ready to run.`,
        ...kA,
        saved: inA(fromRegs, null, toRegs, bCtx),
      });
    steps.push(
      {
        fn: 'sched() → swtch()',
        file: 'kernel/proc.c, kernel/swtch.S',
        code: [
          'swtch(&p->context, &mycpu()->context);',
          '',
          'swtch:',
          '  sd ra, 0(a0)',
          '  sd sp, 8(a0)',
          '  sd s0, 16(a0) … sd s11, 104(a0)',
          '  ld ra, 0(a1) … ld s11, 104(a1)',
          '  ret',
        ],
        text: `swtch saves 14 registers (ra, sp, s0–s11) in ${a}'s context and loads the CPU's scheduler context: the CPU is now on the scheduler's own stack.`,
        mode: 'kernel',
        on: -1,
        stack: "CPU 0's scheduler stack",
        pageTable: 'the kernel page table',
        tlb: 'kernel translations',
        cpu: null,
        saved: inA(fromRegs, aCtx, toRegs, bCtx),
        scheduler: true,
      },
      {
        fn: 'scheduler()',
        file: 'kernel/proc.c',
        code: [
          'c->proc = 0;',
          'release(&p->lock);',
          '…',
          'if(p->state == RUNNABLE) {',
          '  p->state = RUNNING;',
          '  c->proc = p;',
          '  swtch(&c->context, &p->context);',
        ],
        text: `scheduler() returns from its own earlier swtch, releases ${a}'s lock, scans the process table, finds ${b} RUNNABLE, marks it RUNNING and calls swtch to it.`,
        mode: 'kernel',
        on: -1,
        stack: "CPU 0's scheduler stack",
        pageTable: 'the kernel page table',
        tlb: 'kernel translations',
        cpu: null,
        saved: inA(fromRegs, aCtx, toRegs, bCtx),
        scheduler: true,
      },
      {
        fn: fresh ? 'swtch() → forkret()' : 'swtch() → sched() → usertrap()',
        file: 'kernel/swtch.S, kernel/proc.c',
        code: fresh
          ? [
              'ld ra, 0(a1)   # ra = forkret',
              'ld sp, 8(a1)',
              'ret',
              '',
              'forkret(void) {',
              '  …',
              '  usertrapret();',
            ]
          : [
              'ld ra, 0(a1)   # ra = back in sched()',
              'ld sp, 8(a1)',
              'ret',
              '',
              '  mycpu()->intena = intena;',
              '}',
            ],
        text: fresh
          ? `swtch loads ${b}'s context: ${b} has never run, so its ra is forkret(), which goes straight to the return to user space.`
          : `swtch loads ${b}'s context: its ret lands in ${b}'s own call of sched(), made when ${b} last gave up the CPU, and ${b} returns from there up to usertrap().`,
        mode: 'kernel',
        on: to.tid,
        stack: `${b}'s kernel stack`,
        pageTable: 'the kernel page table',
        tlb: 'kernel translations',
        cpu: null,
        saved: [save(from, fromRegs, aCtx), save(to, toRegs, null)],
        scheduler: true,
      },
      {
        fn: 'usertrapret()',
        file: 'kernel/trap.c',
        code: [
          'p->trapframe->kernel_sp = p->kstack + PGSIZE;',
          'w_sepc(p->trapframe->epc);',
          'uint64 satp = MAKE_SATP(p->pagetable);',
          '((void (*)(uint64))trampoline_userret)(satp);',
        ],
        text: `usertrapret() sets sepc from ${b}'s trapframe and chooses ${b}'s page table for the return.`,
        mode: 'kernel',
        on: to.tid,
        stack: `${b}'s kernel stack`,
        pageTable: 'the kernel page table',
        tlb: 'kernel translations',
        cpu: null,
        saved: [save(from, fromRegs, aCtx), save(to, toRegs, null)],
        scheduler: false,
      },
      {
        fn: 'userret',
        file: 'kernel/trampoline.S',
        code: [
          'sfence.vma zero, zero',
          'csrw satp, a0',
          'sfence.vma zero, zero',
          '…',
          'ld a0, 112(a0)',
          'sret',
        ],
        text: `userret loads ${b}'s page table (the TLB is flushed again), restores ${b}'s registers from its trapframe and returns to user mode: ${b} continues where it stopped.`,
        mode: 'user',
        on: to.tid,
        stack: `${b}'s user stack`,
        pageTable: `${b}'s user page table`,
        tlb: 'flushed by sfence.vma: refills on use',
        cpu: toRegs,
        saved: [save(from, fromRegs, aCtx), save(to, null, null)],
        scheduler: false,
      },
    );
    return steps;
  },
};

// ---- Linux x86-64 ----------------------------------------------------------------------------

const LINUX_CONTEXT = (t: Task) =>
  `rbp, rbx, r12–r15 pushed on ${name(t)}'s kernel stack; the stack pointer in its task_struct (thread.sp)`;

const linuxSteps: Builders = {
  syscall(regs, after, t) {
    const me = name(t);
    const k = (tf: UserRegs) => ({
      mode: 'kernel' as const,
      on: t.tid,
      stack: `${me}'s kernel stack (16 KiB)`,
      pageTable: `${me}'s page table, kernel half`,
      tlb: `${me}'s translations, kept`,
      cpu: null,
      saved: [save(t, tf, null)],
      scheduler: false,
    });
    return [
      {
        fn: 'getpid() in glibc',
        file: 'sysdeps/unix/sysv/linux/x86_64',
        code: ['mov $39, %eax   # __NR_getpid', 'syscall'],
        text: `${me} runs in user mode and executes the syscall instruction.`,
        mode: 'user',
        on: t.tid,
        stack: `${me}'s user stack`,
        pageTable: `${me}'s page table`,
        tlb: `${me}'s translations`,
        cpu: regs,
        saved: [save(t, null, null)],
        scheduler: false,
      },
      {
        fn: 'entry_SYSCALL_64',
        file: 'arch/x86/entry/entry_64.S',
        code: [
          'swapgs',
          'SWITCH_TO_KERNEL_CR3 scratch_reg=%rsp',
          'movq PER_CPU_VAR(cpu_current_top_of_stack), %rsp',
          'pushq $__USER_DS … PUSH_AND_CLEAR_REGS',
          'call do_syscall_64',
        ],
        text: `The entry code moves to ${me}'s kernel stack and pushes its user registers there as struct pt_regs. With page-table isolation on, it also loads the kernel's page table here.`,
        ...k(regs),
      },
      {
        fn: 'do_syscall_64() → sys_getpid()',
        file: 'arch/x86/entry/common.c, kernel/sys.c',
        code: ['SYSCALL_DEFINE0(getpid)', '{', '  return task_tgid_vnr(current);', '}'],
        text: `getpid returns ${t.pid}, written into pt_regs' ax, the model's r0. No other task is involved and schedule() is not called.`,
        ...k(after),
      },
      {
        fn: 'syscall_exit_to_user_mode → sysretq',
        file: 'arch/x86/entry/entry_64.S',
        code: [
          'POP_REGS pop_rdi=0',
          'SWITCH_TO_USER_CR3_STACK scratch_reg=%rdi',
          'swapgs',
          'sysretq',
        ],
        text: `Nothing needs to reschedule, so the registers are popped from pt_regs and sysretq returns to ${me} in user mode with the result in r0.`,
        mode: 'user',
        on: t.tid,
        stack: `${me}'s user stack`,
        pageTable: `${me}'s page table`,
        tlb: `${me}'s translations`,
        cpu: after,
        saved: [save(t, null, null)],
        scheduler: false,
      },
    ];
  },

  switch(kind, fromRegs, from, to, toRegs, switchKind, fresh) {
    const a = name(from);
    const b = name(to);
    const timer = kind === 'timer';
    const thread = switchKind === 'thread';
    const aCtx = LINUX_CONTEXT(from);
    const bCtx = fresh
      ? `${b}'s kernel stack, set up by copy_thread(): it starts in ret_from_fork`
      : LINUX_CONTEXT(to);
    const kA = {
      mode: 'kernel' as const,
      on: from.tid,
      stack: `${a}'s kernel stack (16 KiB)`,
      pageTable: `${a}'s page table, kernel half`,
      tlb: `${a}'s translations, kept`,
      cpu: null,
      scheduler: false,
    };
    const both = (tf: UserRegs | null, ctx: string | null) => [
      save(from, tf, ctx),
      save(to, toRegs, bCtx),
    ];
    const mmText = thread
      ? `${b} belongs to the same process as ${a}: same mm, so switch_mm_irqs_off() finds nothing to change. No CR3 load, and the TLB keeps every translation.`
      : `${b} has another address space: switch_mm_irqs_off() loads CR3 with ${b}'s page table. With PCID the TLB keeps ${a}'s entries, tagged; without PCID the load empties the TLB.`;
    const steps: PathStep[] = [
      {
        fn: timer ? `${a}'s program` : 'read() in glibc',
        file: timer ? 'the user program' : 'sysdeps/unix/sysv/linux/x86_64',
        code: timer ? ['(any user instruction)'] : ['mov $0, %eax   # __NR_read', 'syscall'],
        text: timer
          ? `${a} runs in user mode; its registers are live in the CPU. The local APIC timer interrupt arrives.`
          : `${a} runs in user mode and calls read() on an empty pipe: the syscall instruction enters the kernel.`,
        mode: 'user',
        on: from.tid,
        stack: `${a}'s user stack`,
        pageTable: `${a}'s page table`,
        tlb: `${a}'s translations`,
        cpu: fromRegs,
        saved: both(null, null),
        scheduler: false,
      },
      {
        fn: timer ? 'asm_sysvec_apic_timer_interrupt' : 'entry_SYSCALL_64',
        file: timer ? 'arch/x86/include/asm/idtentry.h, entry_64.S' : 'arch/x86/entry/entry_64.S',
        code: timer
          ? [
              '# the CPU pushes ss, rsp, rflags, cs, rip',
              '# on the per-CPU entry stack; the entry code moves them',
              'PUSH_AND_CLEAR_REGS',
              'call sysvec_apic_timer_interrupt',
            ]
          : [
              'swapgs',
              'SWITCH_TO_KERNEL_CR3 scratch_reg=%rsp',
              'PUSH_AND_CLEAR_REGS',
              'call do_syscall_64',
            ],
        text: `${a}'s user registers go to the top of its kernel stack as struct pt_regs${timer ? ': the CPU pushes rip and rsp on a per-CPU entry stack, and the entry code moves them there with the rest' : ''}. With page-table isolation on, the entry also switches to the kernel's page table.`,
        ...kA,
        saved: both(fromRegs, null),
      },
      timer
        ? {
            fn: 'sched_tick() → task_tick_fair()',
            file: 'kernel/sched/core.c, kernel/sched/fair.c',
            code: [
              'curr->sched_class->task_tick(rq, curr, 0);',
              '…',
              'resched_curr(rq);   /* sets TIF_NEED_RESCHED */',
            ],
            text: `The timer handler charges the tick to ${a}; the fair class finds that it has used its slice and sets the need-resched flag. Nothing switches yet.`,
            ...kA,
            saved: both(fromRegs, null),
          }
        : {
            fn: 'pipe_read()',
            file: 'fs/pipe.c',
            code: [
              'if (wait_event_interruptible_exclusive(pipe->rd_wait,',
              '                                   pipe_readable(pipe)) < 0)',
              '        return -ERESTARTSYS;',
            ],
            text: `The pipe is empty, so pipe_read() puts ${a} on the pipe's wait queue, sets it to TASK_INTERRUPTIBLE and calls schedule().`,
            ...kA,
            saved: both(fromRegs, null),
          },
    ];
    if (timer)
      steps.push({
        fn: 'exit_to_user_mode_loop() → schedule()',
        file: 'kernel/entry/common.c',
        code: ['if (ti_work & _TIF_NEED_RESCHED)', '        schedule();'],
        text: `On the way back to user mode the kernel checks the flag and calls schedule() while still on ${a}'s kernel stack: Linux has no separate scheduler thread.`,
        ...kA,
        saved: both(fromRegs, null),
      });
    steps.push(
      {
        fn: '__schedule() → context_switch()',
        file: 'kernel/sched/core.c',
        code: [
          'next = pick_next_task(rq, prev, &rf);',
          '…',
          'rq = context_switch(rq, prev, next, &rf);',
        ],
        text: `__schedule() asks the scheduling classes for the next task, picks ${b} and calls context_switch(prev = ${a}, next = ${b}).`,
        ...kA,
        saved: both(fromRegs, null),
        scheduler: true,
      },
      {
        fn: 'switch_mm_irqs_off()',
        file: 'kernel/sched/core.c, arch/x86/mm/tlb.c',
        code: [
          'switch_mm_irqs_off(prev->active_mm, next->mm, next);',
          '…',
          'if (prev == next) {   /* same mm: nothing to load */',
          '…',
          'write_cr3(new_mm_cr3);',
        ],
        text: mmText,
        ...kA,
        pageTable: thread
          ? `${a}'s page table, kernel half (shared by ${b})`
          : `${b}'s page table, kernel half`,
        tlb: thread
          ? 'kept: same address space'
          : 'with PCID: kept and tagged; without PCID: emptied',
        saved: both(fromRegs, null),
        scheduler: true,
        ...(thread ? { skipped: 'same address space: no CR3 load' } : {}),
      },
      {
        fn: 'switch_to() → __switch_to_asm',
        file: 'arch/x86/entry/entry_64.S',
        code: [
          'pushq %rbp',
          'pushq %rbx',
          'pushq %r12 … pushq %r15',
          'movq %rsp, TASK_threadsp(%rdi)',
          'movq TASK_threadsp(%rsi), %rsp',
          'popq %r15 … popq %rbp',
          'jmp __switch_to',
        ],
        text: `__switch_to_asm pushes ${a}'s six callee-saved registers on ${a}'s kernel stack, stores the stack pointer in ${a}'s task_struct, loads ${b}'s, and pops ${b}'s six registers: the CPU is now on ${b}'s kernel stack.`,
        mode: 'kernel',
        on: to.tid,
        stack: `${b}'s kernel stack (16 KiB)`,
        pageTable: `${b}'s page table, kernel half`,
        tlb: thread
          ? 'kept: same address space'
          : 'with PCID: kept and tagged; without PCID: emptied',
        cpu: null,
        saved: [save(from, fromRegs, aCtx), save(to, toRegs, null)],
        scheduler: true,
      },
      {
        fn: fresh ? '__switch_to() → ret_from_fork' : '__switch_to() → back in schedule()',
        file: 'arch/x86/kernel/process_64.c',
        code: [
          'switch_fpu(prev_p, cpu);',
          'x86_fsbase_load / x86_gsbase …',
          'this_cpu_write(cpu_current_top_of_stack, …);',
          'return prev_p;',
        ],
        text: fresh
          ? `__switch_to() swaps the FPU state and thread-local base and notes ${b}'s kernel stack for the next trap; ${b} has never run, so it returns into ret_from_fork.`
          : `__switch_to() swaps the FPU state and thread-local base and notes ${b}'s kernel stack for the next trap; its return lands in ${b}'s own earlier call of schedule().`,
        mode: 'kernel',
        on: to.tid,
        stack: `${b}'s kernel stack (16 KiB)`,
        pageTable: `${b}'s page table, kernel half`,
        tlb: thread
          ? 'kept: same address space'
          : 'with PCID: kept and tagged; without PCID: emptied',
        cpu: null,
        saved: [save(from, fromRegs, aCtx), save(to, toRegs, null)],
        scheduler: true,
      },
      {
        fn: 'return to user mode',
        file: 'arch/x86/entry/entry_64.S',
        code: [
          'POP_REGS',
          'SWITCH_TO_USER_CR3_STACK scratch_reg=%rdi',
          'swapgs',
          'iretq   # or sysretq',
        ],
        text: `${b}'s registers are popped from the pt_regs at the top of its kernel stack and ${b} continues in user mode where it stopped.`,
        mode: 'user',
        on: to.tid,
        stack: `${b}'s user stack`,
        pageTable: `${b}'s page table`,
        tlb: thread
          ? 'kept: same address space'
          : `${b}'s translations (refilling, unless PCID kept them)`,
        cpu: toRegs,
        saved: [save(from, fromRegs, aCtx), save(to, null, null)],
        scheduler: false,
      },
    );
    return steps;
  },
};

/** The predict question's answer in words, per kernel. Never fails. */
export function pcPlaceWords(place: PcPlace, flavour: Flavour): string {
  switch (place) {
    case 'cpu':
      return 'still in the CPU’s program counter';
    case 'user-stack':
      return 'on the task’s user stack';
    case 'trapframe':
      return flavour === 'xv6'
        ? 'in the trapframe (p->trapframe->epc, a page of its own)'
        : 'in the trapframe: struct pt_regs at the top of the kernel stack';
    case 'context':
      return 'in the saved context that swtch / __switch_to_asm writes';
  }
}

// Chapter 4's cost model of a context switch: what the book's two measured machines say a switch
// costs, split into the parts the chapter teaches (the switch itself, the address-space switch,
// the hand-off across CPUs, the refill of caches), and the arithmetic that turns a cost into CPU
// lost: switches per second × cost per switch, and a slice against the switch that ends it.
//
// Every number is a measurement from /work/shared/data/calibration.md, published as
// public/data/calibration.md (the book's "How the numbers were measured" page), with its section:
//   machine 1  §0–§1 and §6: AMD Zen 3, nested KVM, PCID, not affected by Meltdown (no PTI);
//   machine 2  §7 and §9:    AMD Zen 5, PVM, no PCID, Meltdown mitigated by PTI (pti=on).
// The model does not invent a case neither machine measured: a query for PCID with PTI, or for
// neither, is answered with the reason it is not measured, not with a number.

/** The machine whose measurements answer a query. */
export type HostId = 'pcid' | 'no-pcid';
export type Via = 'pipe' | 'futex';
export type Kind = 'process' | 'thread';
export type Cpus = 'same' | 'two';

export type Host = {
  id: HostId;
  /** What the reader sees. */
  label: string;
  /** The calibration.md sections its figures come from. */
  sections: string;
  pcid: boolean;
  pti: boolean;
  /** A null system call, getppid(), µs. */
  syscallUs: number;
  /** Per switch on one CPU, (round trip − the same system calls without a switch) / 2, µs. */
  sameCpu: Record<Via, Record<Kind, number>>;
  /** One-way hand-off between tasks on two CPUs, µs; null where the machine did not measure it. */
  twoCpus: Record<Via, Record<Kind, number> | null>;
  /** How the two-CPU figure was measured. */
  twoCpusMethod: string;
};

export const HOSTS: Record<HostId, Host> = {
  pcid: {
    id: 'pcid',
    label: 'Machine 1: AMD Zen 3 under nested KVM, with PCID, no page-table isolation',
    sections: '§1, §6',
    pcid: true,
    pti: false,
    // §1 "per switch, process↔process (pipe)" 2.86, "thread↔thread (pipe)" 2.69,
    // "(futex)" 2.28 and 2.27; "bare syscall" 0.230 µs.
    syscallUs: 0.23,
    sameCpu: { pipe: { process: 2.86, thread: 2.69 }, futex: { process: 2.28, thread: 2.27 } },
    // §1 "hand-off, different CPUs, per one-way (pipe proc / pipe thr / futex proc / futex thr)
    // 51 / 51 / 42 / 44 µs".
    twoCpus: { pipe: { process: 51, thread: 51 }, futex: { process: 42, thread: 44 } },
    twoCpusMethod: 'pinned to two CPUs, one-way hand-off (§1)',
  },
  'no-pcid': {
    id: 'no-pcid',
    label: 'Machine 2: AMD Zen 5 under PVM, no PCID, page-table isolation on',
    sections: '§7, §9',
    pcid: false,
    pti: true,
    // §7 anchor table: getppid 1.10 µs; per switch (pipe) 4.49 / 1.24; (futex) 4.04 / 0.78.
    syscallUs: 1.1,
    sameCpu: { pipe: { process: 4.49, thread: 1.24 }, futex: { process: 4.04, thread: 0.78 } },
    // §9a: perf bench sched pipe unpinned, round trip 23.46 µs (processes) and 23.38 µs
    // (threads); one way is half a round trip. Futex across CPUs was not measured there.
    twoCpus: { pipe: { process: 11.73, thread: 11.69 }, futex: null },
    twoCpusMethod:
      'unpinned, so the two ends ran on different CPUs: half a perf bench round trip (§9a)',
  },
};

export type SwitchQuery = { pcid: boolean; pti: boolean; kind: Kind; cpus: Cpus; via: Via };

/** One part of a switch's cost: what it is, µs, and where the figure comes from. */
export type CostPart = { what: string; us: number; source: string };

export type SwitchAnswer =
  | {
      ok: true;
      host: Host;
      /** The cost of one switch (or one-way hand-off across CPUs), µs: the sum of `parts`. */
      us: number;
      parts: CostPart[];
      /** Process switch ÷ thread switch under the same conditions. */
      ratio: number;
    }
  | { ok: false; why: string };

/** The machine that measured this PCID and PTI combination, or null. Never fails. */
export function hostFor(pcid: boolean, pti: boolean): Host | null {
  if (pcid && !pti) return HOSTS.pcid;
  if (!pcid && pti) return HOSTS['no-pcid'];
  return null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * What a switch costs under `q`, from the machine that measured it, split into parts. On one CPU
 * the parts are the thread switch (scheduler, registers, kernel stacks) and, for processes, the
 * extra of switching address spaces (process − thread, never below 0); across CPUs it is the
 * measured hand-off, which was the same for processes and threads. Precondition: none. Failure:
 * an answer with `ok: false` and the reason when no book machine measured the case.
 */
export function switchCost(q: SwitchQuery): SwitchAnswer {
  const host = hostFor(q.pcid, q.pti);
  if (!host) {
    const combo = q.pcid
      ? 'PCID together with page-table isolation'
      : 'neither PCID nor page-table isolation';
    return {
      ok: false,
      why: `Neither of the book's machines has ${combo}, so the book has no measurement for it and the model gives no number. Measure it with the lab (ctxswitch.c) on such a machine.`,
    };
  }
  if (q.cpus === 'two') {
    const pair = host.twoCpus[q.via];
    if (!pair)
      return {
        ok: false,
        why: `${host.label.split(':')[0]} did not measure a ${q.via} hand-off across CPUs; only the pipe.`,
      };
    const us = pair[q.kind];
    return {
      ok: true,
      host,
      us,
      parts: [
        {
          what: 'hand-off across CPUs: waking the other CPU and the switch there',
          us,
          source: `calibration ${host.twoCpusMethod}`,
        },
      ],
      ratio: round2(pair.process / pair.thread),
    };
  }
  const both = host.sameCpu[q.via];
  const mm = round2(Math.max(0, both.process - both.thread));
  const parts: CostPart[] = [
    {
      what: 'the switch itself: scheduler, saving and restoring registers, changing kernel stacks',
      us: both.thread,
      source: `calibration ${host.sections}: thread↔thread by ${q.via}, one CPU`,
    },
  ];
  if (q.kind === 'process')
    parts.push({
      what: host.pcid
        ? 'switching address spaces (switch_mm): a CR3 load that keeps the TLB (PCID)'
        : 'switching address spaces (switch_mm): a CR3 load that empties the TLB (no PCID)',
      us: mm,
      source: `calibration ${host.sections}: process↔process minus thread↔thread by ${q.via}`,
    });
  return {
    ok: true,
    host,
    us: round2(parts.reduce((s, p) => s + p.us, 0)),
    parts,
    ratio: round2(both.process / both.thread),
  };
}

// ---- direct and indirect cost ----------------------------------------------------------------

/**
 * The share of one CPU spent switching: switches per second × µs per switch, as a fraction
 * (0.01 is 1 %). Precondition: rate ≥ 0, us ≥ 0. Never fails.
 */
export function cpuShareLost(switchesPerSecond: number, usPerSwitch: number): number {
  return (switchesPerSecond * usPerSwitch) / 1e6;
}

export type Neighbour = 'alu' | 'thrash';

/** One working-set size of the indirect-cost measurement (calibration §9b, machine 2). */
export type IndirectPoint = {
  /** Working set, KiB. */
  kib: number;
  /** Which cache it fits: as §9b labels the rows. */
  fits: string;
  /** ns per load alone, sharing with a pure ALU spinner, and with a 32 MiB cache thrasher. */
  alone: number;
  alu: number;
  thrash: number;
  /** Paired slowdown in work per CPU-second, medians: ALU neighbour, thrashing neighbour. */
  slowdown: Record<Neighbour, number>;
};

/**
 * §9b, "Indirect cost: cache pollution": a task chasing pointers through W bytes shares one CPU,
 * in 4 ms turns (the 250 Hz tick, §8c), with a neighbour; slowdown in work per CPU-second.
 */
export const INDIRECT: readonly IndirectPoint[] = [
  {
    kib: 16,
    fits: 'L1',
    alone: 1.27,
    alu: 1.23,
    thrash: 1.24,
    slowdown: { alu: 0.98, thrash: 0.99 },
  },
  {
    kib: 256,
    fits: 'L2',
    alone: 4.32,
    alu: 4.3,
    thrash: 4.83,
    slowdown: { alu: 0.99, thrash: 1.12 },
  },
  {
    kib: 4096,
    fits: 'L3',
    alone: 17.8,
    alu: 93.8,
    thrash: 147,
    slowdown: { alu: 4.7, thrash: 8.0 },
  },
  {
    kib: 32768,
    fits: 'beyond L3',
    alone: 173,
    alu: 199,
    thrash: 246,
    slowdown: { alu: 1.15, thrash: 1.42 },
  },
];

/** Turn length in the indirect-cost measurement, ms (§8c: one 4 ms tick per turn). */
export const INDIRECT_TURN_MS = 4;

/**
 * The share of its work a task loses to a neighbour's cache traffic: 1 − 1 / slowdown (a 4.7×
 * slowdown loses 79 % of the work each CPU-second could have done; a slowdown below 1, inside the
 * noise, loses nothing). Precondition: slowdown > 0. Never fails.
 */
export function workLost(slowdown: number): number {
  return Math.max(0, 1 - 1 / slowdown);
}

// ---- slice length ----------------------------------------------------------------------------

/**
 * Refill cost per switch, µs, the chapter's three cases: none (a working set in L1), the measured
 * extra per switch for 512 KiB–2 MiB (§1 working-set variant: 4.37–4.43 µs against 2.86 µs, so
 * about 1.5 µs), and refilling a 4 MiB L3-resident set (§9b: about 65 000 lines at about 100 ns a
 * miss, 6.5 ms).
 */
export const REFILL = {
  none: { us: 0, label: 'none: the working set fits in L1 (16 KiB)' },
  l2: { us: 1.5, label: 'about 1.5 µs: a 512 KiB–2 MiB working set (§1)' },
  l3: { us: 6500, label: 'about 6.5 ms: a 4 MiB working set evicted from L3 (§9b)' },
} as const;
export type Refill = keyof typeof REFILL;

export type SliceRun = {
  sliceMs: number;
  /** Direct plus refill cost of the switch that ends each slice, µs. */
  switchUs: number;
  /** Share of the CPU spent switching rather than running tasks: c / (s + c). */
  overhead: number;
  /** Switches per second on a CPU that switches at the end of every slice. */
  switchesPerSecond: number;
  /** How long a runnable task waits for its turn behind n − 1 others, ms: (n − 1)(s + c). */
  waitMs: number;
};

/**
 * A CPU shared round robin by `tasks` runnable tasks in slices of `sliceMs`, each slice ended by
 * a switch costing `directUs` plus `refillUs` (a refill longer than the slice is capped at the
 * slice: the task cannot lose more than its turn). Precondition: sliceMs > 0, tasks ≥ 1, costs
 * ≥ 0. Failure: throws a RangeError naming the argument otherwise.
 */
export function sliceRun(
  sliceMs: number,
  directUs: number,
  refillUs: number,
  tasks: number,
): SliceRun {
  if (!(sliceMs > 0)) throw new RangeError('slice must be more than 0 ms');
  if (!Number.isInteger(tasks) || tasks < 1)
    throw new RangeError('tasks must be a whole number ≥ 1');
  if (!(directUs >= 0) || !(refillUs >= 0)) throw new RangeError('costs must be ≥ 0');
  const sliceUs = sliceMs * 1000;
  const c = directUs + Math.min(refillUs, sliceUs);
  return {
    sliceMs,
    switchUs: c,
    overhead: c / (sliceUs + c),
    switchesPerSecond: 1e6 / (sliceUs + c),
    waitMs: ((tasks - 1) * (sliceUs + c)) / 1000,
  };
}

// ---- what others said ----------------------------------------------------------------------------

/** A published claim about thread and process switches, with the conditions it was made under. */
export type Claim = {
  who: string;
  /** A reference id in content/references.yaml, or '' for the book's own machines. */
  ref: string;
  says: string;
  conditions: string;
  /** Process switch ÷ thread switch as the source states or implies it, or null if it does not. */
  ratio: number | null;
};

export const CLAIMS: readonly Claim[] = [
  {
    who: 'The rule of thumb this chapter started from',
    ref: '',
    says: 'a thread switch costs about 1 µs and a process switch about 5 µs',
    conditions: 'no machine, kernel, CPU placement or method given',
    ratio: 5,
  },
  {
    who: 'Sigoure, 2010',
    ref: 'sigoure-2010',
    says: 'measured switches between processes and between threads',
    conditions: 'the hardware and Linux kernels of 2010',
    ratio: null,
  },
  {
    who: 'This book, machine 1',
    ref: 'calibration',
    says: 'process 2.86 µs, thread 2.69 µs per switch (pipe); 2.28 and 2.27 µs (futex)',
    conditions: 'PCID, no page-table isolation, both tasks on one CPU (§1)',
    ratio: 1.04,
  },
  {
    who: 'This book, machine 2',
    ref: 'calibration',
    says: 'process 4.49 µs, thread 1.24 µs per switch (pipe); 4.04 and 0.78 µs (futex)',
    conditions: 'no PCID, page-table isolation on, PVM, both tasks on one CPU (§7)',
    ratio: 3.8,
  },
  {
    who: 'This book, machine 2, unpinned',
    ref: 'calibration',
    says: 'a perf bench round trip of 23.46 µs for processes and 23.38 µs for threads',
    conditions: 'the two tasks on different CPUs, so every hand-off wakes the other CPU (§9a)',
    ratio: 1.0,
  },
];

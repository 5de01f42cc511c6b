// The files of /proc/PID for a model process, in the formats Linux writes them (proc(5),
// proc_pid_status(5), proc_pid_stat(5), proc_pid_maps(5); the kernel's fs/proc/array.c and
// fs/proc/task_mmu.c): status, stat, maps and the fd directory, plus what each field means. A
// rule about reporting, not about the machine: nothing here changes a machine.
//
// What the model does not keep is said so, never made up: credentials (every model process
// belongs to user 1000, the first user of a Debian system), the fields of stat the model has no
// counterpart for (printed as 0, as Linux prints fields it hides), and wall-clock times (the
// model's clock counts ticks; `ls -l` shows the machine's boot time, 1 January 00:00).
import type { KEvent, Machine } from '../kernel/types.ts';
import { get, values } from '../kernel/table.ts';
import { statLetter, COMM_LEN, type StatLetter } from './procfs.ts';
import { vmasOf, X86_PAGE, mapsText } from './layout.ts';

/** Linux's words for each state letter in /proc/PID/status (fs/proc/array.c task_state_array). */
export const STATE_WORDS: Record<StatLetter, string> = {
  R: 'running',
  S: 'sleeping',
  D: 'disk sleep',
  T: 'stopped',
  Z: 'zombie',
};

/** The uid and gid every model process has (the model keeps no credentials). */
export const MODEL_UID = 1000;

/** Voluntary and involuntary context switches of each task so far, counted from a run's events. */
export type Switches = Record<number, { voluntary: number; involuntary: number }>;

/**
 * Context switches per task from the events of a run so far, as Linux counts them in nvcsw and
 * nivcsw (kernel/sched/core.c __schedule): a task leaving the CPU because it blocks (RUNNING to
 * SLEEPING or STOPPED) switches voluntarily; one taken off while still runnable (preempted, its
 * slice over, or yielding) involuntarily. Exiting counts as neither. Precondition: `events` in
 * order. Never fails.
 */
export function switchesOf(events: readonly KEvent[]): Switches {
  const out: Switches = {};
  for (const e of events) {
    if (e.type !== 'state' || e.from !== 'RUNNING') continue;
    const c = (out[e.tid] ??= { voluntary: 0, involuntary: 0 });
    if (e.to === 'SLEEPING' || e.to === 'STOPPED') c.voluntary++;
    else if (e.to === 'RUNNABLE') c.involuntary++;
  }
  return out;
}

/** One `Name:\tvalue` line of /proc/PID/status. */
export type StatusLine = { key: string; value: string };

function kb(pages: number): string {
  return `${String((pages * X86_PAGE) / 1024).padStart(8)} kB`;
}

/**
 * The lines of /proc/PID/status for process `pid`, in the kernel's order, for the fields the
 * model can fill: the Vm and Rss lines only while the process has memory (Linux leaves them out
 * for a zombie, whose mm is gone); memory in kB of 4 KiB pages, one per model page.
 * Precondition: none. Failure: null when there is no such process (the file does not exist).
 */
export function statusLines(m: Machine, pid: number, sw: Switches = {}): StatusLine[] | null {
  const p = get(m.procs, pid);
  const letter = statLetter(m, pid);
  if (!p || letter === null) return null;
  const ids = (n: number): string => [n, n, n, n].join('\t');
  const out: StatusLine[] = [
    { key: 'Name', value: p.name.slice(0, COMM_LEN) },
    { key: 'Umask', value: '0022' },
    { key: 'State', value: `${letter} (${STATE_WORDS[letter]})` },
    { key: 'Tgid', value: String(pid) },
    { key: 'Pid', value: String(pid) },
    { key: 'PPid', value: String(p.ppid) },
    { key: 'TracerPid', value: '0' },
    { key: 'Uid', value: ids(MODEL_UID) },
    { key: 'Gid', value: ids(MODEL_UID) },
    { key: 'FDSize', value: p.state === 'ZOMBIE' ? '0' : '64' },
  ];
  const vmas = vmasOf(m, pid);
  if (p.mm && vmas.length > 0) {
    let text = 0;
    let anon = 0;
    let stack = 0;
    let data = 0;
    for (const r of p.mm.regions) {
      if (r.kind === 'text') text += r.pages;
      else anon += r.pages;
      if (r.kind === 'stack') stack += r.pages;
      else if (r.kind === 'data' || r.kind === 'heap') data += r.pages;
    }
    const size = vmas.reduce((n, v) => n + (v.end - v.start) / X86_PAGE, 0);
    const lib = vmas
      .filter((v) => v.kind === 'library' && v.perms.includes('x'))
      .reduce((n, v) => n + (v.end - v.start) / X86_PAGE, 0);
    out.push(
      { key: 'VmSize', value: kb(size) },
      { key: 'VmRSS', value: kb(text + anon) },
      { key: 'RssAnon', value: kb(anon) },
      { key: 'RssFile', value: kb(text) },
      { key: 'VmData', value: kb(data) },
      { key: 'VmStk', value: kb(stack) },
      { key: 'VmExe', value: kb(text) },
      { key: 'VmLib', value: kb(lib) },
    );
  }
  const live = p.tids.filter((tid) => {
    const t = get(m.tasks, tid);
    return t !== undefined && t.state !== 'ZOMBIE';
  }).length;
  let vol = 0;
  let invol = 0;
  for (const tid of p.tids) {
    vol += sw[tid]?.voluntary ?? 0;
    invol += sw[tid]?.involuntary ?? 0;
  }
  out.push(
    { key: 'Threads', value: String(Math.max(1, live)) },
    { key: 'voluntary_ctxt_switches', value: String(vol) },
    { key: 'nonvoluntary_ctxt_switches', value: String(invol) },
  );
  return out;
}

/** The text of /proc/PID/status: `Key:\tvalue` lines. Failure: null when there is no such process. */
export function statusText(m: Machine, pid: number, sw: Switches = {}): string | null {
  const lines = statusLines(m, pid, sw);
  return lines && lines.map((l) => `${l.key}:\t${l.value}\n`).join('');
}

/** The fields of /proc/PID/stat, numbered from 1 as proc_pid_stat(5) numbers them. */
export const STAT_FIELDS: readonly string[] = [
  'pid',
  'comm',
  'state',
  'ppid',
  'pgrp',
  'session',
  'tty_nr',
  'tpgid',
  'flags',
  'minflt',
  'cminflt',
  'majflt',
  'cmajflt',
  'utime',
  'stime',
  'cutime',
  'cstime',
  'priority',
  'nice',
  'num_threads',
  'itrealvalue',
  'starttime',
  'vsize',
  'rss',
  'rsslim',
  'startcode',
  'endcode',
  'startstack',
  'kstkesp',
  'kstkeip',
  'signal',
  'blocked',
  'sigignore',
  'sigcatch',
  'wchan',
  'nswap',
  'cnswap',
  'exit_signal',
  'processor',
  'rt_priority',
  'policy',
  'delayacct_blkio_ticks',
  'guest_time',
  'cguest_time',
  'start_data',
  'end_data',
  'start_brk',
  'arg_start',
  'arg_end',
  'env_start',
  'env_end',
  'exit_code',
];

/** The value the model gives each stat field it knows, by field name; the rest print 0. */
export type StatValues = Record<string, string>;

/**
 * The 52 fields of /proc/PID/stat for process `pid`, in order; `known` names the fields the
 * model fills (the others are 0 because the model has no such thing, not because Linux would say
 * 0). Times are in ticks (Linux counts clock ticks too, sysconf(_SC_CLK_TCK)). Precondition:
 * none. Failure: null when there is no such process.
 */
export function statFields(
  m: Machine,
  pid: number,
): { fields: string[]; known: Set<string> } | null {
  const p = get(m.procs, pid);
  const letter = statLetter(m, pid);
  if (!p || letter === null) return null;
  const vmas = vmasOf(m, pid);
  const main = get(m.tasks, pid);
  const pages = p.mm ? Object.keys(p.mm.pt).length : 0;
  const text = vmas.find((v) => v.kind === 'text');
  const stack = vmas.find((v) => v.kind === 'stack');
  const data = vmas.find((v) => v.kind === 'data');
  const heap = vmas.find((v) => v.kind === 'heap');
  const threads = p.tids.filter((tid) => get(m.tasks, tid)?.state !== 'ZOMBIE').length;
  const v: StatValues = {
    pid: String(pid),
    comm: `(${p.name.slice(0, COMM_LEN)})`,
    state: letter,
    ppid: String(p.ppid),
    utime: String(p.cpuTicks),
    priority: '20',
    nice: '0',
    num_threads: String(Math.max(1, threads)),
    starttime: String(p.start),
    vsize: String(vmas.reduce((n, x) => n + x.end - x.start, 0)),
    rss: String(pages),
    rsslim: '18446744073709551615',
    exit_signal: '17',
    processor: String(main && main.cpu >= 0 ? main.cpu : 0),
    policy: '0',
  };
  if (text) {
    v.startcode = String(text.start);
    v.endcode = String(text.end);
  }
  if (stack) v.startstack = String(stack.end - 16);
  if (data) {
    v.start_data = String(data.start);
    v.end_data = String(data.end);
  }
  if (heap) v.start_brk = String(heap.start);
  if (p.state === 'ZOMBIE') v.exit_code = String(p.status);
  const known = new Set(Object.keys(v));
  return { fields: STAT_FIELDS.map((name) => v[name] ?? '0'), known };
}

/** The text of /proc/PID/maps (proc_pid_maps(5)). Failure: null when there is no such process. */
export function mapsFile(m: Machine, pid: number): string | null {
  if (!get(m.procs, pid)) return null;
  return mapsText(vmasOf(m, pid));
}

/** One entry of /proc/PID/fd: a descriptor and where its symbolic link points. */
export type FdLink = { fd: number; perms: string; target: string };

/**
 * The entries of /proc/PID/fd, by fd number: each a symbolic link to the file, pipe or device
 * (`pipe:[id]` for a pipe), with the mode bits Linux gives it (lr-x for a read end, l-wx for a
 * write end, lrwx for a file or terminal open for both). Precondition: none. Failure: null when
 * there is no such process; [] for a zombie (its files are closed).
 */
export function fdLinks(m: Machine, pid: number): FdLink[] | null {
  const p = get(m.procs, pid);
  if (!p) return null;
  const out: FdLink[] = [];
  p.fds.forEach((fd, n) => {
    if (!fd) return;
    const f = get(m.files, fd.f);
    if (!f) return;
    const target = f.kind === 'pipe-r' || f.kind === 'pipe-w' ? `pipe:[${40000 + f.pipe}]` : f.path;
    const perms =
      f.kind === 'pipe-r' ? 'lr-x------' : f.kind === 'pipe-w' ? 'l-wx------' : 'lrwx------';
    out.push({ fd: n, perms, target });
  });
  return out;
}

/** `ls -l /proc/PID/fd` as text. Failure: null when there is no such process. */
export function fdListText(m: Machine, pid: number): string | null {
  const links = fdLinks(m, pid);
  if (!links) return null;
  let s = 'total 0\n';
  for (const l of links) s += `${l.perms} 1 reader reader 64 Jan  1 00:00 ${l.fd} -> ${l.target}\n`;
  return s;
}

/** The PIDs /proc lists: every process, zombies included, in PID order. Never fails. */
export function procPids(m: Machine): number[] {
  return values(m.procs)
    .filter((p) => statLetter(m, p.pid) !== null)
    .map((p) => p.pid)
    .sort((a, b) => a - b);
}

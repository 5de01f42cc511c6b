// What each field of /proc/PID/status and /proc/PID/stat means, in the book's words, after
// proc_pid_status(5) and proc_pid_stat(5) (Linux man-pages 6.x). Used to explain the model's own
// /proc files and to annotate text a reader pastes from their own machine.

/** Field name to meaning, for /proc/PID/status (the names are case-sensitive, as Linux's). */
export const STATUS_MEANING: Readonly<Record<string, string>> = {
  Name: 'The command name: the program file’s name, cut to 15 characters.',
  Umask: 'The file-mode mask: permission bits taken away from files the process creates.',
  State:
    'The state letter and its word: R running or runnable, S sleeping (interruptible), D disk sleep (uninterruptible), T stopped, t tracing stop, Z zombie, X dead, I idle kernel thread.',
  Tgid: 'Thread-group id: the PID of the process this thread belongs to.',
  Ngid: 'NUMA group id (0 when there is none).',
  Pid: 'The id of this thread; for the main thread it equals Tgid, the PID.',
  PPid: 'The parent’s PID.',
  TracerPid: 'The PID of the process tracing this one (a debugger), or 0.',
  Uid: 'User ids: real, effective, saved and filesystem. They decide what the process may do.',
  Gid: 'Group ids: real, effective, saved and filesystem.',
  FDSize: 'Slots currently allocated in the file-descriptor table (not the number open).',
  Groups: 'Supplementary groups the process belongs to.',
  NStgid: 'Thread-group id in each PID namespace it is in, outermost first.',
  NSpid: 'Thread id in each PID namespace it is in, outermost first (a container shows two).',
  NSpgid: 'Process-group id in each PID namespace.',
  NSsid: 'Session id in each PID namespace.',
  Kthread: '1 for a kernel thread, 0 for a user process.',
  VmPeak: 'The largest virtual memory size so far.',
  VmSize: 'Virtual memory size: every mapped area, resident or not.',
  VmLck: 'Memory locked in RAM (mlock).',
  VmPin: 'Memory pinned: pages that cannot be moved.',
  VmHWM: 'The largest resident set size so far (“high-water mark”).',
  VmRSS: 'Resident set size: pages in RAM now; the sum of RssAnon, RssFile and RssShmem.',
  RssAnon: 'Resident anonymous memory: heap, stack, private data.',
  RssFile:
    'Resident pages of mapped files: program text and libraries, shared with every process that maps them.',
  RssShmem: 'Resident shared memory (System V, shared anonymous mappings, tmpfs).',
  VmData: 'Size of private writable data: data, bss, heap and anonymous mappings.',
  VmStk: 'Size of the main thread’s stack.',
  VmExe: 'Size of the program’s text (code).',
  VmLib: 'Size of shared-library code.',
  VmPTE: 'Memory used by the page tables themselves.',
  VmSwap: 'Anonymous memory swapped out.',
  HugetlbPages: 'Memory in hugetlb huge pages.',
  CoreDumping: '1 while the process is writing a core dump.',
  THP_enabled: 'Whether transparent huge pages may back this process.',
  untag_mask: 'Address bits the kernel ignores (memory tagging); all ones when none.',
  Threads: 'The number of threads in the process.',
  SigQ: 'Signals queued for the real user, and the limit on them.',
  SigPnd: 'Signals pending for this thread (a bit mask in hex).',
  ShdPnd: 'Signals pending for the whole process.',
  SigBlk: 'Signals blocked.',
  SigIgn: 'Signals ignored.',
  SigCgt: 'Signals caught by a handler.',
  CapInh: 'Inheritable capabilities (bit mask).',
  CapPrm: 'Permitted capabilities.',
  CapEff: 'Effective capabilities: the privileges in force now.',
  CapBnd: 'The capability bounding set.',
  CapAmb: 'Ambient capabilities.',
  NoNewPrivs: '1 when exec can no longer grant privileges (set by prctl).',
  Seccomp: 'Seccomp mode: 0 off, 1 strict, 2 filter.',
  Seccomp_filters: 'The number of seccomp filters attached.',
  Speculation_Store_Bypass:
    'How the CPU’s speculative store bypass flaw is handled for this process.',
  SpeculationIndirectBranch: 'How indirect-branch speculation is handled for this process.',
  Cpus_allowed: 'The CPUs it may run on, as a hex mask.',
  Cpus_allowed_list: 'The CPUs it may run on, as a list.',
  Mems_allowed: 'The memory nodes it may use, as a hex mask.',
  Mems_allowed_list: 'The memory nodes it may use, as a list.',
  voluntary_ctxt_switches:
    'Times it gave up the CPU itself, by blocking (waiting for I/O, a lock, a child, a sleep).',
  nonvoluntary_ctxt_switches:
    'Times the kernel took the CPU from it while it could still run (its time slice ended, or a more urgent task woke).',
  x86_Thread_features: 'x86 features turned on for this thread (such as shadow stacks).',
  x86_Thread_features_locked: 'x86 thread features that can no longer be changed.',
};

/** Meaning of each /proc/PID/stat field by name (proc_pid_stat(5)); fields not here: see the man page. */
export const STAT_FIELD_MEANING: Readonly<Record<string, string>> = {
  pid: '(1) The process id.',
  comm: '(2) The command name in parentheses.',
  state: '(3) The state letter, as in ps.',
  ppid: '(4) The parent’s PID.',
  pgrp: '(5) Process group id (the model has no process groups: 0).',
  session: '(6) Session id (the model has none: 0).',
  tty_nr: '(7) The controlling terminal (the model has none: 0).',
  tpgid: '(8) The terminal’s foreground process group (0 here).',
  flags: '(9) Kernel flags of the process (PF_*; the model has none: 0).',
  minflt: '(10) Minor page faults: faults served without disk I/O (not counted by the model: 0).',
  majflt: '(12) Major page faults: faults that read from disk (not counted: 0).',
  utime: '(14) CPU time in user mode, in clock ticks: the model’s ticks of CPU.',
  stime: '(15) CPU time in kernel mode, in clock ticks (the model does not split it: 0).',
  priority: '(18) Priority as the kernel shows it: 20 for a normal process with nice 0.',
  nice: '(19) The nice value, −20 (favoured) to 19.',
  num_threads: '(20) Threads in the process.',
  starttime: '(22) When it started, in clock ticks since boot.',
  vsize: '(23) Virtual memory size in bytes.',
  rss: '(24) Resident set size in pages.',
  rsslim: '(25) The limit on RSS in bytes: here “unlimited” (2^64 − 1).',
  startcode: '(26) Address where the program text starts.',
  endcode: '(27) Address where the program text ends.',
  startstack: '(28) Address of the bottom (start) of the stack.',
  exit_signal: '(38) The signal sent to the parent when it dies: 17, SIGCHLD.',
  processor: '(39) The CPU it last ran on.',
  policy: '(41) Scheduling policy: 0 is SCHED_OTHER, the normal one.',
  start_data: '(45) Address where initialised and zero-filled data start.',
  end_data: '(46) Address where they end.',
  start_brk: '(47) Address where the heap starts (brk grows it).',
  exit_code: '(52) The exit status as waitpid would report it.',
};

/** What a `<key>:` line a reader pastes is, once read. */
export type PastedLine =
  | { kind: 'field'; line: number; key: string; value: string; meaning: string; problem?: string }
  | { kind: 'unknown'; line: number; key: string; value: string }
  | { kind: 'malformed'; line: number; text: string; problem: string }
  | { kind: 'blank'; line: number };

/** The most text the annotator reads (a status file is about 1.5 KiB). */
export const PASTE_LIMIT = 20_000;

/** A check of a known field's value: a problem sentence, or null when it looks right. */
function checkValue(key: string, value: string): string | null {
  if (key === 'State' && !/^[RSDTtZXIPKWx] \([a-z ()]+\)$/.test(value))
    return 'a State is one letter then its word in parentheses, such as “S (sleeping)”';
  if (
    ['Pid', 'PPid', 'Tgid', 'TracerPid', 'Threads', 'FDSize', 'Ngid', 'Kthread'].includes(key) &&
    !/^\d+$/.test(value)
  )
    return `${key} should be a whole number`;
  if (/^(Vm|Rss)/.test(key) && !/^\d+ kB$/.test(value))
    return `${key} should be a number of kB, such as “1704 kB”`;
  if (/ctxt_switches$/.test(key) && !/^\d+$/.test(value)) return `${key} should be a count`;
  return null;
}

/**
 * Reads text pasted from `cat /proc/PID/status`, line by line: each `Key:<tab>value` line with a
 * key this book knows gets its meaning (and a problem when its value is not in the kernel's
 * format), unknown keys are kept as unknown, and a line that is not `Key: value` is malformed,
 * with its line number. Precondition: none. Failure: an error sentence when the text is empty or
 * longer than PASTE_LIMIT characters; otherwise never fails.
 */
export function annotateStatus(
  text: unknown,
): { ok: true; lines: PastedLine[] } | { ok: false; error: string } {
  if (typeof text !== 'string' || text.trim() === '')
    return { ok: false, error: 'Nothing to read: paste the output of cat /proc/self/status.' };
  if (text.length > PASTE_LIMIT)
    return {
      ok: false,
      error: `That is ${text.length.toLocaleString('en-GB')} characters; a status file is about 1,500. Paste at most ${PASTE_LIMIT.toLocaleString('en-GB')}.`,
    };
  const lines: PastedLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') {
      lines.push({ kind: 'blank', line });
      return;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*):[ \t]*(.*)$/.exec(raw);
    if (!m) {
      lines.push({
        kind: 'malformed',
        line,
        text: raw,
        problem: raw.includes(':')
          ? 'the name before the colon has a character a field name never has'
          : 'there is no colon: status lines are “Name:” then a tab and the value',
      });
      return;
    }
    const [, key, value] = m;
    const meaning = Object.hasOwn(STATUS_MEANING, key) ? STATUS_MEANING[key] : undefined;
    if (meaning === undefined) {
      lines.push({ kind: 'unknown', line, key, value: value.trim() });
      return;
    }
    const v = value.trim().replace(/\s+/g, ' ');
    const problem = checkValue(key, v);
    lines.push({
      kind: 'field',
      line,
      key,
      value: value.trim(),
      meaning,
      ...(problem ? { problem } : {}),
    });
  });
  return { ok: true, lines: lines.filter((l, i, all) => l.kind !== 'blank' || i < all.length - 1) };
}

// Chapter 5's programs and scenarios. Expected values are worked out by hand from the C listings in
// ./programs.ts and the kernel's rules (README.md), not read back from a run.
import { describe, expect, it } from 'vitest';
import type { Action, KEvent, Machine } from '../../kernel/types.ts';
import { LIBRARY } from '../library.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { loadScenario, SCENARIOS } from '../registry.ts';
import { memoryOf } from '../../kernel/vm.ts';
import { LIFECYCLE_PROGRAMS } from './programs.ts';
import { PIPELINE_FILES } from './scenarios.ts';
import { SCENARIOS as LIFECYCLE_SCENARIOS } from './scenarios.ts';
import { get, keys, size } from '../../kernel/table.ts';

function start(name: string): Machine {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Ticks until the machine is finished (or `limit` ticks), checking invariants after each. */
function runOut(m: Machine, events: KEvent[] = [], limit = 200): Machine {
  for (let i = 0; i < limit && !isFinished(m); i++) {
    const r = step(m, { type: 'tick' });
    expect(checkInvariants(r.machine)).toEqual([]);
    events.push(...r.events);
    m = r.machine;
  }
  return m;
}

/** Ticks until `pred` holds, returning the machine at that point. */
function until(m: Machine, pred: (m: Machine, ev: KEvent[]) => boolean, limit = 200): Machine {
  for (let i = 0; i < limit; i++) {
    const r = step(m, { type: 'tick' });
    m = r.machine;
    if (pred(m, r.events)) return m;
  }
  throw new Error('condition never held');
}

function act(m: Machine, a: Action): { machine: Machine; events: KEvent[] } {
  const r = step(m, a);
  expect(r.events.filter((e) => e.type === 'error')).toEqual([]);
  return r;
}

const consoleText = (m: Machine) => m.console.map((l) => l.text).join('');

describe('lifecycle programs and scenarios', () => {
  it('are defined in the library and merged into SCENARIOS', () => {
    for (const p of LIFECYCLE_PROGRAMS) expect(LIBRARY[p]?.name).toBe(p);
    for (const s of Object.keys(LIFECYCLE_SCENARIOS)) {
      expect(SCENARIOS[s]).toBe(LIFECYCLE_SCENARIOS[s]);
      expect(loadScenario(s).ok).toBe(true);
    }
  });

  it('redirect: ls writes into out.txt through fd 1; the O_CLOEXEC fd does not survive exec', () => {
    let m = start('redirect');
    // The shell is PID 2 (init is 1): fds 0-2 are the console, history opens as fd 3.
    m = until(m, (x) => get(x.procs, 3)?.name === 'ls');
    const child = get(m.procs, 3)!;
    // After exec: fd 3 (history, O_CLOEXEC) is closed, fd 4 was closed by hand, fd 1 is out.txt.
    expect(child.fds[3] ?? null).toBeNull();
    expect(child.fds[4] ?? null).toBeNull();
    const out = get(m.files, child.fds[1]!.f);
    expect(out).toMatchObject({ kind: 'file', path: 'out.txt' });
    expect(get(m.files, child.fds[0]!.f)!.kind).toBe('console');
    // The shell still has its own history fd 3.
    expect(get(m.files, get(m.procs, 2)!.fds[3]!.f)!.path).toBe('history');
    const events: KEvent[] = [];
    m = runOut(m, events);
    // ls lists the machine's own directory: history (the shell's) and out.txt (made by the
    // child's open before the exec), in name order; its lines went to the file, not the console
    expect(Object.keys(m.fs).sort()).toEqual(['history', 'out.txt']);
    expect(m.fs['out.txt']).toBe('history\nout.txt\n');
    expect(consoleText(m)).toBe('shell: ls (pid 3) exited with status 0\n');
    expect(events.filter((e) => e.type === 'write' && e.to === 'file')).toHaveLength(2);
  });

  it('cow-exec: after fork every page is shared but the stack; exactly one page (the stack) is copied before the child execs wc', () => {
    let m = start('cow-exec');
    const ev: KEvent[] = [];
    m = until(m, (x, e) => (ev.push(...e), get(x.procs, 3) !== undefined));
    // image: text 1 + data 2 + heap 2 + stack 1 = 6 pages; the parent wrote its stack as fork
    // returned, which copied it: 5 shared, the two stack pages each private
    expect(memoryOf(m, 2)).toEqual({ resident: 6, shared: 5, private: 1 });
    expect(memoryOf(m, 3)).toEqual({ resident: 6, shared: 5, private: 1 });
    m = until(m, (x, e) => (ev.push(...e), get(x.procs, 3)?.name === 'wc'));
    // wc's fresh image: text, data, heap, stack of 1 page each; the parent's 6 are private again
    expect(memoryOf(m, 3)).toEqual({ resident: 4, shared: 0, private: 4 });
    expect(memoryOf(m, 2)).toEqual({ resident: 6, shared: 0, private: 6 });
    // before the exec: the parent's stack copied; the child's own stack write needed no copy
    expect(
      ev.flatMap((e) => (e.type === 'cow' ? [[e.pid, e.page, e.region, e.copied]] : [])),
    ).toEqual([
      [2, 64, 'stack', true],
      [3, 64, 'stack', false],
    ]);
    expect(m.stats.cowCopies).toBe(1);
    m = runOut(m);
    expect(consoleText(m)).toBe('      13      38     409 p3.c\nparent sees 42\n');
    expect(m.stats.cowCopies).toBe(1);
  });

  it('cow-thread: one address space, the thread writes the page main reads, nothing copied', () => {
    let m = start('cow-thread');
    m = until(m, (x) => size(x.tasks) === 3);
    // one process, two tasks; 6 image pages + the new thread's stack page, none shared
    expect(keys(m.procs)).toEqual([1, 2]);
    expect(get(m.procs, 2)!.tids).toEqual([2, 3]);
    expect(memoryOf(m, 2)).toEqual({ resident: 7, shared: 0, private: 7 });
    m = runOut(m);
    expect(consoleText(m)).toBe('main sees 43\n');
    expect(m.stats.cowCopies + m.stats.cowReuses).toBe(0);
  });

  it('lazy-parent: zombies stay until SIGCONT makes the parent wait; killing it hands them to init', () => {
    let m = runOut(start('lazy-parent'));
    // Finished: the parent stopped itself, both children exited (i = 2 first, then i = 1).
    expect(get(m.procs, 2)).toMatchObject({ state: 'ALIVE', stopped: true });
    // wait statuses as Linux encodes them: exit(i) is i << 8
    expect(get(m.procs, 3)).toMatchObject({ state: 'ZOMBIE', status: 2 << 8, ppid: 2 });
    expect(get(m.procs, 4)).toMatchObject({ state: 'ZOMBIE', status: 1 << 8, ppid: 2 });
    // One SIGCONT: one wait, which reaps the lowest-numbered zombie, PID 3.
    m = act(m, { type: 'kill', pid: 2, signal: 'SIGCONT' }).machine;
    m = runOut(m);
    expect(get(m.procs, 3)).toBeUndefined();
    expect(get(m.procs, 4)?.state).toBe('ZOMBIE');
    expect(get(m.procs, 2)!.stopped).toBe(true);
    expect(consoleText(m)).toBe('reaped 3 (status 2)\n');
    // SIGKILL the parent: PID 4 is re-parented to init, which reaps both.
    const r = act(m, { type: 'kill', pid: 2, signal: 'SIGKILL' });
    expect(r.events).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 4, from: 2, to: 1 }),
    );
    const ev: KEvent[] = [];
    m = runOut(r.machine, ev);
    const reaps = ev
      .filter((e) => e.type === 'reap')
      .map((e) => e.type === 'reap' && [e.child, e.status]);
    expect(reaps).toEqual([
      [2, 9], // killed by signal 9: the wait status is the signal's number
      [4, 1 << 8],
    ]);
    expect(keys(m.procs)).toEqual([1]);
  });

  it('lazy-parent: three SIGCONTs reap both children, then wait returns -1 and the parent exits', () => {
    let m = runOut(start('lazy-parent'));
    for (let i = 0; i < 3; i++) {
      m = act(m, { type: 'kill', pid: 2, signal: 'SIGCONT' }).machine;
      m = runOut(m);
    }
    expect(consoleText(m)).toBe('reaped 3 (status 2)\nreaped 4 (status 1)\n');
    expect(keys(m.procs)).toEqual([1]);
  });

  it('lazy-parent: a child killed by SIGKILL is reported by WTERMSIG, not WEXITSTATUS', () => {
    let m = start('lazy-parent');
    // kill PID 3 while it works, before it can exit(2)
    m = until(m, (x) => get(x.tasks, 3)?.state === 'RUNNING');
    m = act(m, { type: 'kill', pid: 3, signal: 'SIGKILL' }).machine;
    m = runOut(m);
    for (let i = 0; i < 2; i++) {
      m = act(m, { type: 'kill', pid: 2, signal: 'SIGCONT' }).machine;
      m = runOut(m);
    }
    expect(consoleText(m)).toBe('reaped 3 (killed by signal 9)\nreaped 4 (status 1)\n');
  });

  it('pipeline: ls | wc -l counts the files; read returns 0 once every write end is closed', () => {
    const ev: KEvent[] = [];
    const m = runOut(start('pipeline'), ev, 400);
    // PID 2 the shell, 3 ls, 4 wc -l; three files in the directory
    expect(consoleText(m)).toBe(`${Object.keys(PIPELINE_FILES).length}\n`);
    expect(consoleText(m)).toBe('3\n');
    expect(m.console.map((c) => c.pid)).toEqual([4]);
    expect(ev).toContainEqual(expect.objectContaining({ type: 'read', pid: 4, fd: 0, text: '' }));
    expect(keys(m.procs)).toEqual([1]);
    expect(keys(m.pipes)).toEqual([]);
  });

  it('pipeline-leak: the shell keeps p[1] open, so wc blocks in read and the shell in wait', () => {
    const ev: KEvent[] = [];
    const m = runOut(start('pipeline-leak'), ev, 400);
    expect(isFinished(m)).toBe(true);
    expect(consoleText(m)).toBe('');
    // ls wrote its three names and exited, and the shell reaped it
    expect(ev).toContainEqual(expect.objectContaining({ type: 'reap', pid: 2, child: 3 }));
    expect(get(m.tasks, 4)).toMatchObject({
      state: 'SLEEPING',
      wchan: expect.stringMatching(/^pr:/),
    });
    expect(get(m.tasks, 2)).toMatchObject({ state: 'SLEEPING', wchan: 'wait:2' });
    // the pipe still has a writer: the shell's fd 4
    const pipe = [...keys(m.pipes)].map((k) => get(m.pipes, k)!)[0];
    expect(pipe.wf).toBeGreaterThan(0);
    expect(get(m.files, get(m.procs, 2)!.fds[4]!.f)!.kind).toBe('pipe-w');
    expect(ev.some((e) => e.type === 'read' && e.pid === 4 && e.text === '')).toBe(false);
  });

  it('subreaper: the double-forked daemon is adopted by the manager, not by init', () => {
    const ev: KEvent[] = [];
    const m = runOut(start('subreaper'), ev);
    expect(ev).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 4, from: 3, to: 2 }),
    );
    expect(ev.some((e) => e.type === 'reparent' && e.to === 1)).toBe(false);
    // the manager reaps PID 3 at t11 but prints only at t20, after decoding the status
    // (WIFEXITED, WEXITSTATUS) in the round robin with the daemon, which prints at t17
    expect(consoleText(m)).toBe(
      'daemon 4: my parent is now 2\nreaped 3 (status 0)\nreaped 4 (status 3)\n',
    );
  });

  it('subreaper: with reparent "init" the same daemon goes to PID 1', () => {
    const m0 = start('subreaper');
    const m1: Machine = { ...m0, config: { ...m0.config, reparent: 'init' } };
    const ev: KEvent[] = [];
    const m = runOut(m1, ev);
    expect(ev).toContainEqual(
      expect.objectContaining({ type: 'reparent', pid: 4, from: 3, to: 1 }),
    );
    expect(consoleText(m)).toContain('daemon 4: my parent is now 1\n');
  });
});

// procfs.ts: Linux's state letters for the model's states. Expected letters come from ps(1)'s
// PROCESS STATE CODES and proc(5)'s /proc/pid/stat field 3, applied by hand to machines whose
// states are known from their programs (tick counts worked out from the listings below).
import { describe, expect, it } from 'vitest';
import { createMachine, step } from '../kernel/machine.ts';
import { loadScenario } from '../book/registry.ts';
import { makeProgram } from '../kernel/program.ts';
import type { Action, Machine } from '../kernel/types.ts';
import { COMM_LEN, STAT_MEANING, psRows, psText, statLetter } from './procfs.ts';
import { get, keys, values } from '../kernel/table.ts';

function after(m: Machine, actions: Action[]): Machine {
  for (const a of actions) {
    const r = step(m, a);
    const err = r.events.find((e) => e.type === 'error');
    if (err) throw new Error(JSON.stringify(err));
    m = r.machine;
  }
  return m;
}
const ticks = (n: number): Action[] => Array.from({ length: n }, () => ({ type: 'tick' }));

// One process per kind of wait. Under RR with a quantum of 10 on one CPU, each of these programs
// reaches its blocking instruction on its first tick, so after 4 ticks (one each, PID order 2..5)
// every one of them sleeps.
const progs = [
  makeProgram(
    'disk',
    ['int main(void) {', '  read(disk_fd, b, 1);', '}'],
    [{ op: 'io', dev: 'disk', line: 2 }],
  ),
  makeProgram(
    'net',
    ['int main(void) {', '  recv(sock, b, 1, 0);', '}'],
    [{ op: 'io', dev: 'net', line: 2 }],
  ),
  makeProgram(
    'napper',
    ['int main(void) {', '  sleep(50);', '}'],
    [{ op: 'sleep', ticks: 50, line: 2 }],
  ),
  makeProgram(
    'server',
    ['int main(void) {', '  accept(s, 0, 0);', '}'],
    [{ op: 'accept', line: 2 }],
  ),
  makeProgram(
    'spinner',
    ['int main(void) {', '  for (;;) ;', '}'],
    [{ op: 'compute', n: 500, line: 2 }],
  ),
  makeProgram(
    'a-very-long-program-name',
    ['int main(void) {', '  for (;;) ;', '}'],
    [{ op: 'compute', n: 500, line: 2 }],
  ),
];

function sleepers(): Machine {
  const m = createMachine(
    { latency: { disk: 50, net: 50 }, sched: { kind: 'rr', quantum: 10 } },
    0,
    progs,
  );
  return after(m, [
    ...['disk', 'net', 'napper', 'server', 'spinner', 'a-very-long-program-name'].map(
      (program): Action => ({ type: 'spawn', program }),
    ),
    ...ticks(5),
  ]);
}

describe('statLetter', () => {
  const m = sleepers();

  it('reports a disk wait as D and every other wait as S', () => {
    // PIDs: 1 init (asleep in wait), 2 disk, 3 net, 4 napper, 5 server
    expect([1, 2, 3, 4, 5].map((pid) => statLetter(m, pid))).toEqual(['S', 'D', 'S', 'S', 'S']);
  });

  it('reports running and runnable alike as R', () => {
    // tick 5 runs PID 6 (spinner); PID 7 has not run yet
    expect(get(m.tasks, 6)!.state).toBe('RUNNING');
    expect(get(m.tasks, 7)!.state).toBe('RUNNABLE');
    expect([statLetter(m, 6), statLetter(m, 7)]).toEqual(['R', 'R']);
  });

  it('reports a stopped process as T, and R again after SIGCONT', () => {
    const stopped = after(m, [{ type: 'kill', pid: 7, signal: 'SIGSTOP' }]);
    expect(statLetter(stopped, 7)).toBe('T');
    const cont = after(stopped, [{ type: 'kill', pid: 7, signal: 'SIGCONT' }]);
    expect(statLetter(cont, 7)).toBe('R');
  });

  it('reports a zombie as Z and an unknown PID as null', () => {
    const killed = after(m, [{ type: 'kill', pid: 7, signal: 'SIGKILL' }]);
    // the kill wakes init (its parent) to reap it, but PID 7 stays a zombie until init runs
    expect(get(killed.procs, 7)!.state).toBe('ZOMBIE');
    expect(statLetter(killed, 7)).toBe('Z');
    expect(statLetter(m, 99)).toBeNull();
  });

  it('gives ps(1) wording for each letter', () => {
    expect(STAT_MEANING.D).toBe('uninterruptible sleep (usually IO)');
    expect(STAT_MEANING.Z).toContain('zombie');
  });
});

describe('psRows and psText', () => {
  it('prints ps -eo pid,ppid,stat,comm, with a 15-character comm and <defunct>', () => {
    const m = after(sleepers(), [{ type: 'kill', pid: 7, signal: 'SIGKILL' }]);
    expect(COMM_LEN).toBe(15);
    const expected = [
      '    PID    PPID STAT COMMAND',
      '      1       0 R    init', // woken by the kill to reap PID 7
      '      2       1 D    disk',
      '      3       1 S    net',
      '      4       1 S    napper',
      '      5       1 S    server',
      '      6       1 R    spinner',
      // "a-very-long-program-name" cut to 15 characters
      '      7       1 Z    a-very-long-pro <defunct>',
      '',
    ].join('\n');
    expect(psText(m)).toBe(expected);
  });

  it('follows the ps-states scenario through zombie, disk sleep and sleep', () => {
    const r = loadScenario('ps-states', 1);
    if (!r.ok) throw new Error(r.error);
    // Worked out from ps-demo's listing on two CPUs, RR, quantum 2, disk latency 10 (PID 2 the
    // parent, on CPU 0): it forks at t1, t3, t5 and t7, a branch after each, and each child
    // starts on CPU 1: PID 3 exits(42) at t3, a zombie; PID 4 starts its file read at t5, a
    // killable disk sleep (asleep t6-t15, done at 5 + 10 + 1 = 16); PID 5 computes from t6. At t7
    // PID 5's slice ends and CPU 1 takes PID 6; at t8 PID 2's slice ends and CPU 0 takes PID 5; at
    // t9 PID 6 opens the file and its slice ends, and CPU 1 takes PID 2, which calls sleep(14) at
    // t10; PID 6 writes at t11 and calls fsync at t12, an uninterruptible disk sleep (until t23).
    // At t14: init S, parent S, zombie Z, reader D, computer R, fsync D.
    const m = after(r.value, ticks(14));
    expect(psRows(m).map((x) => [x.pid, x.ppid, x.stat])).toEqual([
      [1, 0, 'S'],
      [2, 1, 'S'],
      [3, 2, 'Z'],
      [4, 2, 'D'],
      [5, 2, 'R'],
      [6, 2, 'D'],
    ]);
    // the two D's differ in what SIGKILL does: the reader dies at once, the fsync waits
    const k4 = step(m, { type: 'kill', pid: 4, signal: 'SIGKILL' }).machine;
    expect(statLetter(k4, 4)).toBe('Z');
    const k6 = step(m, { type: 'kill', pid: 6, signal: 'SIGKILL' }).machine;
    expect(statLetter(k6, 6)).toBe('D');
    expect(statLetter(after(k6, ticks(8)), 6)).toBe('D'); // t22: still waiting for the disk
    expect(statLetter(after(k6, ticks(9)), 6)).toBe('Z'); // t23: the wait ends, SIGKILL acts
    expect(psRows(m)[2].comm).toBe('ps-demo <defunct>');
  });

  it('adds l to a multi-threaded process', () => {
    const r = loadScenario('thread-race', 0);
    if (!r.ok) throw new Error(r.error);
    // thread-race's main thread creates two threads in its first ticks, then joins them
    let m = r.value;
    for (let i = 0; i < 4; i++) m = after(m, ticks(1));
    const row = psRows(m).find((x) => x.pid === 2);
    expect(values(m.tasks).filter((t) => t.pid === 2).length).toBeGreaterThan(1);
    expect(row?.stat.endsWith('l')).toBe(true);
  });

  it('shows Z for a process whose main thread has exited while another thread runs (ps: Zl)', () => {
    // Linux reports the thread-group leader's state for the whole process, and an exited leader
    // stays a zombie until every thread has exited. Tick 1: main creates the worker; tick 2: main
    // calls pthread_exit and the worker is dispatched; from then on only the worker computes.
    const leader = makeProgram(
      'leader',
      [
        'int main(void) {',
        '  pthread_create(&t, 0, worker, 0);',
        '  pthread_exit(0);',
        '}',
        'void *worker(void *a) {',
        '  work(20);',
        '}',
      ],
      [
        { op: 'thread', to: 2, line: 2 },
        { op: 'texit', line: 3 },
        { op: 'compute', n: 20, line: 6 },
      ],
    );
    let m = createMachine({ ncpu: 1, init: false, sched: { kind: 'rr', quantum: 10 } }, 1, [
      leader,
    ]);
    m = after(m, [{ type: 'spawn', program: 'leader' }, ...ticks(4)]);
    const pid = keys(m.procs)[0];
    expect(statLetter(m, pid)).toBe('Z');
    expect(psRows(m).find((r) => r.pid === pid)?.stat).toBe('Zl');
  });
});

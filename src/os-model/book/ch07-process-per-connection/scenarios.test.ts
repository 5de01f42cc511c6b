// Chapter 7's scenarios and smaps.ts. Expected values are worked out by hand from the program
// listings in ./programs.ts and the memory rules (RSS, PSS, USS as proc(5) defines them), not
// copied from a run.
import { describe, expect, it } from 'vitest';
import type { Machine } from '../../kernel/types.ts';
import { checkInvariants } from '../../kernel/invariants.ts';
import { explain } from '../../kernel/explain.ts';
import { framesMapped, smapsAll, smapsOf } from '../../inspect/smaps.ts';
import { isFinished, step } from '../../kernel/machine.ts';
import { loadScenario } from '../registry.ts';
import { pgRole } from './programs.ts';
import { get, keys, values } from '../../kernel/table.ts';

function load(name: string, options: Record<string, unknown> = {}): Machine {
  const r = loadScenario(name, 0, options);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function run(
  m: Machine,
  until: (m: Machine) => boolean,
  max = 600,
): { m: Machine; lines: string[] } {
  const lines: string[] = [];
  for (let i = 0; i < max && !until(m); i++) {
    const r = step(m, { type: 'tick' });
    m = r.machine;
    lines.push(...r.events.map(explain));
    expect(checkInvariants(m)).toEqual([]);
  }
  return { m, lines };
}

const pgPids = (m: Machine) =>
  values(m.procs)
    .filter((p) => p.name === 'postgres' && p.state === 'ALIVE')
    .map((p) => p.pid);

/**
 * Every postgres child has been forked and has branched into aux_main (instructions 13–14) or
 * backend_main (15 on). Its stack page is its own from the fork on: the postmaster wrote its own
 * stack as fork returned, which copied the page for the postmaster and left the old one to the
 * child alone.
 */
const allStarted = (n: number) => (m: Machine) =>
  pgPids(m).length === 6 + n &&
  pgPids(m).every((pid) => {
    const p = get(m.procs, pid)!;
    const pc = get(m.tasks, pid)?.pc ?? -1;
    return p.ppid !== 2 || pc >= 13;
  });

describe('postgres-full: the postmaster, five auxiliary processes and a backend per client', () => {
  it('forks 5 auxiliary processes, then one backend per connection: N + 5 children', () => {
    for (const n of [0, 1, 3]) {
      const { m } = run(load('postgres-full', { connections: n }), allStarted(n));
      const kids = values(m.procs).filter((p) => p.ppid === 2);
      expect(kids.length).toBe(n + 5);
      const roles = kids.map((p) => pgRole(m, p.pid)).sort();
      const expected = [
        'autovacuum launcher',
        'background writer',
        'checkpointer',
        'logical replication launcher',
        'walwriter',
        ...Array.from({ length: n }, (_, i) => `backend for connection ${i + 1}`),
      ].sort();
      expect(roles).toEqual(expected);
      expect(pgRole(m, 2)).toBe('postmaster');
      expect(pgRole(m, 1)).toBe('');
    }
  });

  it('RSS counts shared pages in every process; PSS and USS do not', () => {
    // By hand, N = 3, once every child has started:
    // init: its default image, 4 pages (text, data, heap, stack), all its own.
    // postgres image: 13 pages = text 7 + data 1 + heap 1 + shared 3 + stack 1. After fork every
    // page is shared by the 9 postgres processes except the stack page: at each fork the
    // postmaster writes its stack as fork returns, so it gets a fresh copy and the child keeps
    // the old page, mapped only by it. Nothing else is ever written but the MAP_SHARED buffers.
    // Per postgres process: RSS 13, USS 1, PSS 1 + 12/9.
    // Sums: RSS 4 + 9 × 13 = 121; USS 4 + 9 = 13; PSS 4 + 12 + 9 = 25 = distinct frames.
    const { m } = run(load('postgres-full', { connections: 3 }), allStarted(3));
    for (const pid of pgPids(m)) {
      const s = smapsOf(m, pid);
      expect([s.rss, s.uss]).toEqual([13, 1]);
      expect(s.pss).toBeCloseTo(1 + 12 / 9, 10);
    }
    expect(smapsOf(m, 1)).toEqual({ pid: 1, name: 'init', rss: 4, pss: 4, uss: 4 });
    const all = smapsAll(m);
    expect(all.total.rss).toBe(121);
    expect(all.total.uss).toBe(13);
    expect(all.total.pss).toBeCloseTo(25, 10);
    expect(framesMapped(m)).toBe(25);
    const pg = smapsAll(m, (pid) => pid !== 1);
    expect(pg.rows.length).toBe(9);
    expect(pg.total.rss).toBe(117);
  });

  it('PSS of a shared page falls as more processes map it', () => {
    // N = 5: per process PSS 1 + 12/11; N = 0: 1 + 12/6 = 3. (With 5 clients connecting at once
    // the postmaster has forked the fifth backend, about 7 ticks per accept-and-fork, long before
    // the first one's four queries end.)
    for (const [n, pss] of [
      [0, 3],
      [5, 1 + 12 / 11],
    ]) {
      const { m } = run(load('postgres-full', { connections: n }), allStarted(n), 1200);
      expect(smapsOf(m, 2).pss).toBeCloseTo(pss, 10);
    }
  });

  it('a backend exits when its client disconnects, and is reaped when the postmaster next wakes', () => {
    let { m, lines } = run(load('postgres-full', { connections: 1 }), isFinished);
    expect(lines).toContain(
      'PID 8 exits with status 0; it is a zombie until its parent PID 2 waits for it.',
    );
    expect(get(m.procs, 8)!.state).toBe('ZOMBIE');
    expect(smapsOf(m, 8)).toEqual({ pid: 8, name: 'postgres', rss: 0, pss: 0, uss: 0 });
    m = step(m, { type: 'connect' }).machine;
    ({ lines } = run(m, (x) => get(x.procs, 8) === undefined));
    expect(lines).toContain(
      "PID 2's wait returns 8: child PID 8 exited with status 0 and its entry is freed.",
    );
  });

  it('refuses a bad option', () => {
    expect(loadScenario('postgres-full', 0, { connections: 201 }).ok).toBe(false);
  });
});

describe('the same bug under three architectures', () => {
  // Three clients; client 2's first query reaches the null-pointer write.
  it('process per connection: only client 2’s handler dies; clients 1 and 3 finish', () => {
    const { m } = run(load('arch-process'), isFinished);
    // handlers are PIDs 3, 4, 5 for clients 1, 2, 3 (forked in accept order)
    expect(get(m.procs, 4)!.status).toBe(11); // the wait status of a death by SIGSEGV: 11
    expect([get(m.procs, 3)!.status, get(m.procs, 5)!.status]).toEqual([0, 0]);
    expect(get(m.procs, 2)!.state).toBe('ALIVE');
    const lines = m.console.map((c) => c.text);
    for (const c of [1, 3]) {
      expect(lines.filter((l) => l === `client ${c}: query answered\n`).length).toBe(3);
      expect(lines).toContain(`client ${c}: session closed\n`);
    }
    expect(lines.some((l) => l.startsWith('client 2'))).toBe(false);
  });

  it('thread per connection: the fault kills the whole server, every client with it', () => {
    const { m, lines } = run(load('arch-threads'), isFinished);
    expect(lines).toContain(
      'PID 2 is killed by signal 11 (SIGSEGV); it is a zombie until its parent PID 1 waits for it.',
    );
    expect(keys(m.procs)).toEqual([1]);
    expect(m.console.some((c) => c.text.includes('session closed'))).toBe(false);
  });

  it('event loop: the fault in one callback kills the only process', () => {
    const { m, lines } = run(load('arch-event-loop'), isFinished);
    expect(lines).toContain(
      'PID 2 is killed by signal 11 (SIGSEGV); it is a zombie until its parent PID 1 waits for it.',
    );
    expect(keys(m.procs)).toEqual([1]);
    // client 1's callback runs before client 2's in the first round: one answer, then the crash
    expect(m.console.map((c) => c.text)).toEqual(['client 1: query answered\n']);
  });
});

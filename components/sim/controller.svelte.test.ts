import { flushSync } from 'svelte';
import { describe, expect, test } from 'vitest';
import {
  createTimeline,
  get,
  isFinished,
  step,
  values,
  type Machine,
} from '../../src/os-model/index.ts';
import { SimController, SPEEDS, type Timers } from './controller.svelte.ts';
import { namesIn } from './history.ts';
import { readHashEntry, writeHashEntry } from './link.ts';
import { timelineLink } from './timeline-link.ts';

/** A fake clock: intervals fire only when the test says so. */
function fakeTimers() {
  const live = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setInterval(fn, ms) {
      live.set(next, { fn, ms });
      return next++;
    },
    clearInterval(h) {
      live.delete(h as number);
    },
  };
  return {
    timers,
    live,
    fire(times = 1) {
      for (let i = 0; i < times; i++) for (const t of [...live.values()]) t.fn();
    },
  };
}

/**
 * The machines of a scenario's run, stepped one tick at a time with the model's `step` (the
 * controller decides nothing about the OS: it must hand out exactly these machines).
 */
function directRun(scenario: string, limit = 1000): Machine[] {
  const r = createTimeline(scenario, 1);
  if (!r.ok) throw new Error(r.error);
  let m = r.value.current().machine;
  const out = [m];
  while (!isFinished(m) && out.length <= limit) {
    m = step(m, { type: 'tick' }).machine;
    out.push(m);
  }
  return out;
}

// fork-basics, worked out by hand from its program (ch05 programs.ts, OSTEP p1.c) and the
// kernel's rules: RR with a quantum of 3 ticks, no switch cost, one CPU, init (PID 1) asleep in
// wait(). A step is one tick; when a slice ends or a process exits, the next task is dispatched at
// the end of that same tick. The golden trace in src/os-model/book/scenarios.test.ts has the same
// run.
//   t1  PID 2 is dispatched and prints hello        t9  PID 2 exits (PID 3 goes to init); 3 runs
//   t2  PID 2 forks PID 3                           t10 PID 3: jmp: no event
//   t3  PID 2: branch; slice over; PID 3 runs       t11 PID 3 exits; init runs
//   t4  PID 3: branch (rc >= 0): no event           t12 init reaps PID 2
//   t5  PID 3: branch (rc == 0): no event           t13 init jumps back to wait: no event
//   t6  PID 3 prints; slice over; PID 2 runs        t14 init reaps PID 3
//   t7  PID 2: branch (rc != 0): no event           t15 init jumps back: no event
//   t8  PID 2 prints "parent of 3"                  t16 init has no children left: sleeps
/** The PID that ran an instruction at each step 1..16. */
const FORK_BASICS_RAN = [2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 1, 1, 1, 1, 1];
const FORK_BASICS_STEPS = FORK_BASICS_RAN.length;
/** What the narration says at steps 1 and 2. */
const FORK_BASICS_SAID = [
  ['CPU 0 runs PID 2.', 'PID 2 prints "hello (pid:2)\\n".'],
  [
    'PID 2 forks; the child is PID 3.',
    'PID 3 is new and ready to run.',
    // the parent writes its stack as fork returns: the page is still shared, so it is copied
    'PID 2 writes to page 64 (stack), which it shares copy-on-write: the page faults and the kernel copies it.',
  ],
];

describe('SimController: state and stepping', () => {
  test('starts at step 0 with the whole run worked out, as long as the model says', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    expect(ctl.cursor).toBe(0);
    expect(ctl.atStart).toBe(true);
    expect(ctl.length).toBe(FORK_BASICS_STEPS);
    expect(ctl.machine).toEqual(directRun('fork-basics')[0]);
    expect(ctl.error).toBeNull();
    expect(ctl.title).toBe('fork() basics');
    expect(ctl.narration.startsWith('Step 0, before anything runs.')).toBe(true);
  });

  test('step, back, seek, first and last move through the same machines as the model', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    const run = directRun('fork-basics');
    expect(ctl.step()).toBe(true);
    expect(ctl.step()).toBe(true);
    expect(ctl.cursor).toBe(2);
    expect(ctl.machine).toEqual(run[2]);
    expect(ctl.back()).toBe(true);
    expect(ctl.machine).toEqual(run[1]);
    ctl.seek(5);
    expect(ctl.machine).toEqual(run[5]);
    ctl.seek(10_000);
    expect(ctl.cursor).toBe(ctl.length);
    expect(ctl.atEnd).toBe(true);
    expect(ctl.finished).toBe(true);
    expect(ctl.step()).toBe(false);
    ctl.first();
    expect(ctl.cursor).toBe(0);
    expect(ctl.back()).toBe(false);
    ctl.last();
    expect(ctl.machine).toEqual(run.at(-1));
    ctl.seek(Number.NaN);
    expect(ctl.cursor).toBe(ctl.length);
  });

  test('the horizon bounds the work done ahead, and stepping past it extends the run', () => {
    const ctl = new SimController({ scenario: 'fork-basics', horizon: 3 });
    expect(ctl.length).toBe(3);
    ctl.last();
    expect(ctl.step()).toBe(true);
    expect(ctl.length).toBe(4);
    expect(ctl.machine).toEqual(directRun('fork-basics')[4]);
  });

  test('the manual scheduler is not run ahead: nothing moves until the reader dispatches', () => {
    const ctl = new SimController({ scenario: 'be-the-scheduler' });
    expect(ctl.length).toBe(0);
    const job = values(ctl.machine.tasks).find((t) => t.state === 'RUNNABLE');
    expect(job).toBeDefined();
    const ok = ctl.act({ type: 'dispatch', cpu: 0, tid: job!.tid });
    expect(ok.ok).toBe(true);
    expect(get(ctl.machine.tasks, job!.tid)!.state).toBe('RUNNING');
  });

  test('narration and transcript are the model explain() sentences of each step', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    ctl.seek(2);
    expect(ctl.narration).toBe(`Step 2 (tick 2): ${FORK_BASICS_SAID[1].join(' ')}`);
    const tr = ctl.transcript();
    expect(tr).toEqual([
      { step: 1, t: 1, sentences: FORK_BASICS_SAID[0] },
      { step: 2, t: 2, sentences: FORK_BASICS_SAID[1] },
    ]);
    expect(ctl.transcript(ctl.length)).toHaveLength(ctl.length);
    expect(ctl.sentences(0)).toEqual([]);
    expect(ctl.sentences(ctl.length + 1)).toEqual([]);
  });

  test('a step with no events is told from what the CPUs did', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    ctl.last();
    // The steps without events in the run above: branches and jumps (but not step 4, PID 3's
    // first instruction, whose write to its own stack page faults: no copy, the page is its own).
    expect(ctl.eventsThrough().flatMap((e, i) => (e.length === 0 ? [i + 1] : []))).toEqual([
      5, 7, 10, 13, 15,
    ]);
    expect(ctl.sentences(5)).toEqual(['PID 3 branches.']);
    expect(ctl.sentences(10)).toEqual(['PID 3 jumps.']);
    expect(ctl.sentences(13)).toEqual(['PID 1 jumps.']);
  });

  test('samples record, per step, the task each CPU ran', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    ctl.seek(4);
    expect(ctl.samples.map((x) => [x.step, x.t, x.cpus[0].tid])).toEqual([
      [1, 1, 2],
      [2, 2, 2],
      [3, 3, 2],
      [4, 4, 3],
    ]);
    ctl.last();
    // Each process's main task has its PID as its tid.
    expect(ctl.samples.map((x) => x.cpus[0].pid)).toEqual(FORK_BASICS_RAN);
  });

  test('namesIn keeps the name each process had when it ran, the latest winning (exec renames)', () => {
    const ctl = new SimController({ scenario: 'fork-exec-wait' });
    ctl.last();
    const names = namesIn(ctl.samples);
    // The parent is PID 2 (fork-exec-wait); its child PID 3 runs as fork-exec-wait, then execs wc.
    expect(names[2]).toBe('fork-exec-wait');
    expect(names[3]).toBe('wc');
    expect(
      ctl.samples.some((s) => s.cpus.some((c) => c.pid === 3 && c.name === 'fork-exec-wait')),
    ).toBe(true);
  });

  test('lastTransition finds the latest state change of a process at or before the cursor', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    // PID 3: new at t2, runs at t4, back to the queue at t6, runs at t10, exits at t11, and init
    // frees its entry at t14.
    ctl.seek(ctl.length);
    expect(ctl.lastTransition(3)).toMatchObject({ from: 'ZOMBIE', to: 'UNUSED', step: 14, t: 14 });
    ctl.seek(8);
    expect(ctl.lastTransition(3)).toMatchObject({ from: 'RUNNING', to: 'RUNNABLE', step: 6 });
    ctl.seek(1);
    expect(ctl.lastTransition(3)).toBeNull();
  });

  test("eventsThrough gives each step's events, as the model produced them", () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    ctl.seek(6);
    const through = ctl.eventsThrough();
    expect(through.map((e) => e.map((x) => x.type))).toEqual([
      ['state', 'write'], // t1: PID 2 dispatched, prints
      ['fork', 'state', 'cow'], // t2: forks, the child is new and ready; the parent's stack copied
      ['state', 'switch', 'state'], // t3: slice over, switch, PID 3 runs
      ['cow'], // t4: a branch, writing PID 3's own stack page
      [], // t5: a branch
      ['write', 'state', 'switch', 'state'], // t6: prints, slice over, switch, PID 2 runs
    ]);
    expect(ctl.eventsThrough(2)).toEqual(through.slice(0, 2));
    expect(ctl.eventsThrough(-1)).toEqual([]);
  });

  test('peek shows the next step without moving', () => {
    const ctl = new SimController({ scenario: 'fork-basics', horizon: 2 });
    ctl.seek(2);
    const p = ctl.peek();
    expect(p?.machine).toEqual(directRun('fork-basics')[3]);
    expect(ctl.cursor).toBe(2);
    ctl.seek(1);
    expect(ctl.peek()?.machine).toEqual(directRun('fork-basics')[2]);
    ctl.last();
    ctl.seek(ctl.length);
    while (ctl.step());
    expect(ctl.peek()).toBeNull();
  });
});

describe('SimController: reader actions', () => {
  test('act in the past branches: the recorded future is dropped and worked out again', () => {
    const ctl = new SimController({ scenario: 'zombie-orphan' });
    const full = ctl.length;
    ctl.seek(3);
    const victim = values(ctl.machine.procs).find((p) => p.pid > 1 && p.state === 'ALIVE');
    expect(victim).toBeDefined();
    const out = ctl.act({ type: 'kill', pid: victim!.pid, signal: 'SIGKILL' });
    expect(out.ok).toBe(true);
    expect(out.message).toMatch(/SIGKILL/);
    expect(ctl.cursor).toBe(4);
    expect(get(ctl.machine.procs, victim!.pid)?.state ?? 'GONE').not.toBe('ALIVE');
    expect(ctl.length).not.toBe(0);
    // The transcript of step 4 is the kill, not the old tick.
    expect(ctl.sentences(4).join(' ')).toMatch(/SIGKILL/);
    expect(full).toBeGreaterThan(4);
  });

  test('a refused action changes nothing and says why', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    ctl.seek(2);
    const before = ctl.machine;
    const out = ctl.act({ type: 'kill', pid: 999, signal: 'SIGKILL' });
    expect(out.ok).toBe(false);
    expect(out.message).toMatch(/999/);
    expect(ctl.machine).toBe(before);
    expect(ctl.cursor).toBe(2);
  });

  test('reset drops the reader actions and returns to step 0 of the original run', () => {
    const ctl = new SimController({ scenario: 'zombie-orphan' });
    const original = ctl.length;
    ctl.seek(2);
    ctl.act({ type: 'kill', pid: 2, signal: 'SIGKILL' });
    ctl.reset();
    expect(ctl.cursor).toBe(0);
    expect(ctl.length).toBe(original);
    ctl.seek(3);
    expect(ctl.sentences(3).join(' ')).not.toMatch(/SIGKILL/);
  });
});

describe('SimController: autoplay', () => {
  test('plays with one timer at the chosen speed, and stops at the end', () => {
    const f = fakeTimers();
    const ctl = new SimController({ scenario: 'fork-basics' }, { timers: f.timers });
    ctl.setSpeed(4);
    ctl.play();
    expect(ctl.playing).toBe(true);
    expect([...f.live.values()].map((t) => t.ms)).toEqual([250]);
    f.fire(3);
    expect(ctl.cursor).toBe(3);
    ctl.setSpeed(SPEEDS[0]);
    expect([...f.live.values()].map((t) => t.ms)).toEqual([2000]);
    f.fire(ctl.length + 5);
    expect(ctl.cursor).toBe(ctl.length);
    expect(ctl.playing).toBe(false);
    expect(f.live.size).toBe(0);
  });

  test('playing at the end starts again from step 0', () => {
    const f = fakeTimers();
    const ctl = new SimController({ scenario: 'fork-basics' }, { timers: f.timers });
    ctl.last();
    ctl.play();
    expect(ctl.cursor).toBe(0);
    f.fire();
    expect(ctl.cursor).toBe(1);
    ctl.toggle();
    expect(ctl.playing).toBe(false);
  });

  test('leaving the screen pauses; speeds outside the list are ignored; destroy clears the timer', () => {
    const f = fakeTimers();
    const ctl = new SimController({ scenario: 'fork-basics' }, { timers: f.timers });
    ctl.setSpeed(3);
    expect(ctl.speed).toBe(2);
    ctl.play();
    ctl.setVisible(true);
    expect(ctl.playing).toBe(true);
    ctl.setVisible(false);
    expect(ctl.playing).toBe(false);
    expect(f.live.size).toBe(0);
    ctl.play();
    ctl.destroy();
    expect(f.live.size).toBe(0);
  });
});

describe('SimController: links and failures', () => {
  test('a link restores the exact step and record, including a branch', () => {
    const a = new SimController({ scenario: 'zombie-orphan' });
    a.seek(3);
    a.act({ type: 'kill', pid: 2, signal: 'SIGTERM' });
    a.step();
    const link = a.serialise();
    const b = new SimController({ scenario: 'zombie-orphan' });
    expect(b.restore(link)).toBe(true);
    expect(b.notice).toBeNull();
    expect(b.cursor).toBe(a.cursor);
    expect(b.machine).toEqual(a.machine);
    expect(b.transcript()).toEqual(a.transcript());
    // A controller given the link at construction agrees.
    const c = new SimController({ scenario: 'zombie-orphan' }, { link });
    expect(c.machine).toEqual(a.machine);
  });

  test('a corrupt link leaves a notice and the scenario at step 0; startOver clears it', () => {
    const ctl = new SimController({ scenario: 'fork-basics' }, { link: '1.garbage.zz' });
    expect(ctl.notice).toMatch(/could not be restored/);
    expect(ctl.cursor).toBe(0);
    expect(ctl.length).toBeGreaterThan(0);
    ctl.step();
    expect(ctl.restore('not a link')).toBe(false);
    expect(ctl.cursor).toBe(1);
    ctl.startOver();
    expect(ctl.notice).toBeNull();
    expect(ctl.cursor).toBe(0);
  });

  test('a link made for another scenario is refused by name', () => {
    const r = createTimeline('pipe', 1);
    if (!r.ok) throw new Error(r.error);
    const ctl = new SimController({ scenario: 'fork-basics' }, { link: timelineLink(r.value) });
    expect(ctl.notice).toMatch(/"pipe"/);
    expect(get(ctl.machine.procs, 2)?.name).toBe(get(directRun('fork-basics')[0].procs, 2)?.name);
  });

  test('a scenario that cannot load gives an error, and every verb is harmless', () => {
    const ctl = new SimController({ scenario: 'no-such-thing' });
    expect(ctl.error).toMatch(/no-such-thing/);
    expect(ctl.narration).toBe(ctl.error);
    expect(ctl.step()).toBe(false);
    expect(ctl.back()).toBe(false);
    ctl.seek(3);
    ctl.play();
    expect(ctl.playing).toBe(false);
    expect(ctl.act({ type: 'tick' }).ok).toBe(false);
    expect(ctl.serialise()).toBe('');
    expect(ctl.peek()).toBeNull();
    const bad = new SimController({ scenario: 'fork-basics', options: { ncpu: 99 } });
    expect(bad.error).toMatch(/ncpu/);
  });
});

describe('SimController: reactivity', () => {
  test('derived values in an effect follow the verbs (flushSync)', () => {
    const ctl = new SimController({ scenario: 'fork-basics' });
    const seen: number[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(ctl.cursor);
      });
    });
    flushSync();
    ctl.step();
    flushSync();
    ctl.seek(5);
    flushSync();
    ctl.back();
    flushSync();
    stop();
    expect(seen).toEqual([0, 1, 5, 4]);
  });
});

describe('hash entries', () => {
  test('each island has its own entry; plain anchors are left alone', () => {
    let h = writeHashEntry('#fig-controls', 'a', '1.x.y');
    expect(h).toBe('#a=1.x.y');
    h = writeHashEntry(h, 'b', '1.p.q');
    expect(h).toBe('#a=1.x.y&b=1.p.q');
    h = writeHashEntry(h, 'a', '1.z.w');
    expect(h).toBe('#b=1.p.q&a=1.z.w');
    expect(readHashEntry(h, 'a')).toBe('1.z.w');
    expect(readHashEntry(h, 'b')).toBe('1.p.q');
    expect(readHashEntry(h, 'c')).toBeNull();
    expect(readHashEntry('#fig-controls', 'fig-controls')).toBeNull();
    expect(writeHashEntry(h, 'b', null)).toBe('#a=1.z.w');
    expect(writeHashEntry('#a=1', 'a', null)).toBe('');
  });
});

// Chapter 6's cost models. Expected values are the measurements the model cites, copied here from
// public/data/calibration.md, and sums worked out by hand.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { MUTEX_COSTS, PRICES, RESOURCES, mutexContention, priceOf, strayWrite } from './costs.ts';
import { cpuCost, ladderProgram } from './ladder.ts';

const calibration = readFileSync(
  new URL('../../../../public/data/calibration.md', import.meta.url),
  'utf8',
);

describe('prices', () => {
  it('quote the calibration file', () => {
    // Each figure appears in the calibration file as written there.
    expect(calibration).toContain('| **pthread_create + join** (empty function) | **32.9**');
    expect(calibration).toContain('| **fork+exit+wait**, parent RSS 1.5 MB | **189**');
    expect(calibration).toContain('| **per switch, thread↔thread (pipe)**, same CPU | **2.69 µs**');
    expect(calibration).toContain(
      '| **per switch, process↔process (pipe)**, same CPU | **2.86 µs**',
    );
    expect(calibration).toContain('**≈ 35 kB**');
    expect(calibration).toContain('**≈ 105 kB**');
    expect(calibration).toContain('`pthread_mutex_lock` + `unlock`, uncontended | **14.1**');
    expect(calibration).toContain('| null syscall `getppid` | 0.23 µs | **1.10 µs**');
    expect(calibration).toContain('**4.04 / 0.78 µs**');
    expect(calibration).toContain('≈ 11.7 µs one-way here');
    expect(PRICES.thread.createUs!.value).toBe(32.9);
    expect(MUTEX_COSTS.switchUs.value).toBe(0.78);
  });

  it('1,000 threads take about 34 MiB and 7.8 GiB of address space; 1,000 children about 103 MiB', () => {
    const t = priceOf('thread', 1000);
    expect(t.memoryMiB).toBeCloseTo((1000 * 35) / 1024, 6);
    expect(t.virtualGiB).toBeCloseTo((1000 * 8196) / 1048576, 6);
    expect(t.createMs).toBeCloseTo(32.9, 6);
    expect(priceOf('process', 1000).memoryMiB).toBeCloseTo((1000 * 105) / 1024, 6);
    expect(priceOf('task', 10).memoryMiB).toBeNull();
  });

  it('refuses a count outside 1–100,000', () => {
    expect(() => priceOf('thread', 0)).toThrow('whole number from 1 to 100,000');
  });

  it('threads share the heap and file descriptors; a fork copies them', () => {
    const heap = RESOURCES.find((r) => r.name === 'Globals and heap')!;
    expect(heap.of.thread.how).toBe('shared');
    expect(heap.of.process.how).toBe('copied');
    const stack = RESOURCES.find((r) => r.name === 'Stack')!;
    expect(stack.of.thread.how).toBe('own');
  });
});

describe('a stray write', () => {
  it('corrupts a sibling thread or task, never another process', () => {
    expect(strayWrite('thread').after).toBe(0xdead);
    expect(strayWrite('task').after).toBe(0xdead);
    expect(strayWrite('process').after).toBe(100);
  });
});

describe('the futex mutex', () => {
  it('at 1 % contention nearly every acquisition takes the fast path', () => {
    const r = mutexContention(1);
    expect(r.fastPath / r.acquisitions).toBeGreaterThan(0.97);
    expect(r.perAcq.syscalls).toBeLessThan(0.05);
  });

  it('under contention threads sleep, and every sleep is one wait and two switches', () => {
    const r = mutexContention(25);
    expect(r.futexWaits).toBeGreaterThan(r.acquisitions / 10);
    // Each sleeper is switched out once and back in once (woken by an unlock).
    expect(r.switches).toBe(2 * r.futexWaits);
    expect(r.futexWakes).toBeGreaterThanOrEqual(r.futexWaits);
    // Priced by hand: fast path + syscalls × 1.1 µs + switches × 0.78 µs, per acquisition.
    const want =
      0.0141 + ((r.futexWaits + r.futexWakes) * 1.1 + r.switches * 0.78) / r.acquisitions;
    expect(r.perAcq.costUs).toBeCloseTo(want, 9);
  });

  it('costs more per acquisition at 25 % than at 1 %', () => {
    expect(mutexContention(25).perAcq.costUs).toBeGreaterThan(5 * mutexContention(1).perAcq.costUs);
  });

  it('refuses a share outside 1–95 %', () => {
    expect(() => mutexContention(0)).toThrow('from 1 to 95');
  });
});

describe('one CPU: spinning against sleeping', () => {
  it('the unlocked counter does 6 steps and never spins', () => {
    expect(cpuCost(ladderProgram('none', 1), 2)).toMatchObject({ work: 6, spin: 0, sleeps: 0 });
  });

  it('with a 2-slot slice, test-and-set spins while the mutex sleeps', () => {
    // By hand, tas, slice 2: A test-and-sets and loads (slice over); B spins 2 slots; A adds and
    // stores; B spins 2 more; A releases; B then runs its 5 steps. 4 slots spun.
    expect(cpuCost(ladderProgram('tas', 1), 2)).toMatchObject({ work: 10, spin: 4, sleeps: 0 });
    // Mutex: B finds m held, sleeps at once (one futex wait), and A's unlock wakes it.
    expect(cpuCost(ladderProgram('mutex', 1), 2)).toMatchObject({
      work: 10,
      spin: 0,
      sleeps: 1,
      wakes: 1,
    });
  });

  it('refuses a slice outside 1–64', () => {
    expect(() => cpuCost(ladderProgram('none', 1), 0)).toThrow('from 1 to 64');
  });
});

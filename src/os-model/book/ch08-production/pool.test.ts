// The pool-sizing model. Expected values are worked out by hand from the rules in pool.ts and the
// measured memory (calibration §11d, §11h), not read back from a run.
import { describe, expect, it } from 'vitest';
import { gunicornFormula, poolMemory, poolSizing, POOL_MEMORY, type PoolSetup } from './pool.ts';

const base: PoolSetup = {
  kind: 'static',
  rate: 1,
  cpuMs: 10,
  ioMs: 40,
  cores: 2,
  workers: 1,
  spawnMs: 42,
  durationMs: 20000,
  seed: 7,
};

describe('pool sizing', () => {
  it('a request that meets no other takes its CPU time plus its I/O time (within the 1 ms step)', () => {
    const r = poolSizing({ ...base, rate: 0.5 });
    expect(r.completed).toBe(r.arrived);
    expect(r.p50).toBeGreaterThanOrEqual(50);
    expect(r.p99).toBeLessThanOrEqual(51);
  });

  it('CPU-bound: two cores serve at most 100 requests of 20 ms a second, however many workers', () => {
    const cpu = { ...base, rate: 200, cpuMs: 20, ioMs: 0, durationMs: 5000 };
    const one = poolSizing({ ...cpu, workers: 1 });
    expect(one.throughput).toBeGreaterThan(48);
    expect(one.throughput).toBeLessThanOrEqual(50);
    for (const w of [2, 5, 8]) {
      const r = poolSizing({ ...cpu, workers: w });
      expect(r.throughput).toBeGreaterThan(97);
      expect(r.throughput).toBeLessThanOrEqual(100);
      expect(r.cpuUse).toBeGreaterThan(0.99);
    }
  });

  it('I/O-bound: each worker serves one request at a time, so throughput grows with workers', () => {
    // 10 ms CPU + 90 ms I/O: a worker completes at most 10 a second; 60 arrive each second
    const io = { ...base, rate: 60, cpuMs: 10, ioMs: 90, durationMs: 10000 };
    expect(poolSizing({ ...io, workers: 2 }).throughput).toBeLessThanOrEqual(20);
    expect(poolSizing({ ...io, workers: 5 }).throughput).toBeLessThanOrEqual(50);
    expect(poolSizing({ ...io, workers: 12 }).throughput).toBeGreaterThan(55);
  });

  it('PHP-FPM dynamic with its defaults forks one worker a second while none is idle', () => {
    // 2 start servers; checks at 1, 2, 3, 4 s each find no idle worker under this load
    const r = poolSizing({
      ...base,
      kind: 'dynamic',
      rate: 200,
      cpuMs: 20,
      ioMs: 0,
      workers: 16,
      durationMs: 5000,
    });
    expect(r.forks).toBe(4);
    expect(r.peakWorkers).toBe(6);
  });

  it('ondemand forks only when a request waits, never past pm.max_children', () => {
    const r = poolSizing({
      ...base,
      kind: 'ondemand',
      rate: 200,
      cpuMs: 20,
      ioMs: 0,
      workers: 4,
      durationMs: 3000,
    });
    expect(r.peakWorkers).toBe(4);
    expect(r.forks).toBe(4);
    const quiet = poolSizing({ ...base, kind: 'ondemand', rate: 0.5 });
    expect(quiet.forks).toBeGreaterThanOrEqual(1);
    // the first request waits for its fork: 42 ms more than the others
    expect(quiet.p99).toBeGreaterThanOrEqual(92);
  });

  it('the same seed gives the same run; another seed another run', () => {
    const s = { ...base, rate: 50 };
    expect(poolSizing(s)).toEqual(poolSizing(s));
    expect(poolSizing({ ...s, seed: 8 }).arrived).not.toBe(poolSizing(s).arrived);
  });

  it("gunicorn's formula and the measured memory of 8 workers", () => {
    expect(gunicornFormula(2)).toBe(5);
    expect(gunicornFormula(8)).toBe(17);
    // measured total PSS with 8 workers: 51,024 kB (small app), 296,262 kB (preload, after use)
    expect(poolMemory(POOL_MEMORY.gunicorn, 8).pss).toBe(51024);
    expect(poolMemory(POOL_MEMORY.gunicorn, 1).pss).toBe(29394);
    expect(poolMemory(POOL_MEMORY.preload, 8).pss).toBe(296260);
    expect(poolMemory(POOL_MEMORY.gunicorn, 8).rssSum).toBe(29000 + 8 * 25150);
  });
});

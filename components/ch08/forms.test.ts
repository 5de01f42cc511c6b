// The chapter 8 islands' form reading: errors name the field, and the defaults run the model.
// Expected values are worked out by hand from the model's rules (see the kernel tests).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import {
  CPU_DEFAULTS,
  CRASH_DEFAULTS,
  MEM_DEFAULTS,
  OOM_DEFAULTS,
  OOM_PRESETS,
  POOL_DEFAULTS,
  STOP_DEFAULTS,
  num,
  runCpu,
  runCrash,
  runMemory,
  runOom,
  runPool,
  runStop,
} from './forms.ts';
import CrashLoop from './CrashLoop.svelte';
import GracefulStop from './GracefulStop.svelte';
import MemoryLimits from './MemoryLimits.svelte';
import CpuMax from './CpuMax.svelte';
import OomPick from './OomPick.svelte';
import PoolSizing from './PoolSizing.svelte';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('fields', () => {
  it('name the field and the text that is wrong', () => {
    expect(num('x', 'Cores', 1, 16, true)).toEqual({
      ok: false,
      error: 'Cores must be a whole number from 1 to 16; got “x”.',
    });
    expect(num(' 2.5 ', 'RestartSec', 0, 600)).toEqual({ ok: true, value: 2.5 });
    expect(runCrash({ ...CRASH_DEFAULTS, burst: '0' })).toEqual({
      ok: false,
      error: 'StartLimitBurst must be a whole number from 1 to 100; got “0”.',
    });
    expect(runMemory({ ...MEM_DEFAULTS, adj: '-1001' })).toEqual({
      ok: false,
      error: 'oom_score_adj of the worker must be a whole number from -1000 to 1000; got “-1001”.',
    });
    expect(runOom({ ...OOM_DEFAULTS, rows: [{ name: 'a', mib: '-1', adj: '0' }] })).toEqual({
      ok: false,
      error: 'Resident MiB of process 1 must be a whole number from 0 to 1048576; got “-1”.',
    });
    expect(runStop({ ...STOP_DEFAULTS, manager: 'cron' })).toEqual({
      ok: false,
      error: 'Unknown manager “cron”.',
    });
  });
});

describe('the defaults', () => {
  it('crash loop: systemd gives up after five starts at 0.5 s', () => {
    const r = ok(runCrash(CRASH_DEFAULTS));
    expect(r.starts).toBe(5);
    expect(r.gaveUpAt).toBe(0.5);
  });

  it('memory: at 64 MiB the idle 40 MiB cache dies, not the growing worker', () => {
    // 56 MiB at the start; +3 a tick (worker 2, shipper 1): 62 after tick 2; from tick 3 page
    // cache is reclaimed (6 MiB, then the shipper's new reads) until none is left; then the OOM
    // killer picks the largest member, the 40 MiB cache.
    const r = ok(runMemory(MEM_DEFAULTS));
    const first = r.log.find((e) => e.kind === 'oom-kill')!;
    expect(first.pid).toBe(101);
    expect(r.ticks[1].current).toBe(62);
    // with memory.high 48 and no max, nobody is ever killed
    const soft = ok(runMemory({ ...MEM_DEFAULTS, high: '48', max: '' }));
    expect(soft.ticks.at(-1)!.events.oom_kill).toBe(0);
    expect(soft.ticks.at(-1)!.events.high).toBeGreaterThan(0);
  });

  it('OOM: on the Kubernetes node the BestEffort pod dies; the measured pair loses A, or B with adj 500', () => {
    // 1 GiB = 262144 pages, ÷ 1000 = 262. postgres 153600 − 997 × 262 = −107614;
    // api 64000 + 750 × 262 = 260500; batch 30720 + 262000 = 292720; sshd exempt.
    const k = ok(runOom(OOM_PRESETS.kube.form));
    expect(k.rows.map((r) => r.badness)).toEqual([-107614, 260500, 292720, null]);
    expect(k.victim?.pid).toBe(3);
    expect(ok(runOom(OOM_PRESETS.measured.form)).victim?.pid).toBe(1);
    expect(ok(runOom(OOM_PRESETS.adjusted.form)).victim?.pid).toBe(2);
  });

  it('cpu.max: half a CPU, and requests slower with the quota than without', () => {
    const r = ok(runCpu(CPU_DEFAULTS));
    expect(r.limited.cpus).toBeCloseTo(0.5, 2);
    expect(r.p99[0]).toBeGreaterThan(r.p99[1]);
    expect(ok(runCpu({ ...CPU_DEFAULTS, quota: '' })).limited.nrThrottled).toBe(0);
  });

  it('stop: docker stop drains in 5.5 s; pool: gunicorn formula 5 on 2 cores', () => {
    expect(ok(runStop(STOP_DEFAULTS)).exitAt).toBe(5.5);
    const p = ok(runPool(POOL_DEFAULTS));
    expect(p.formula).toBe(5);
    expect(p.memory.pss).toBe(26304 + 5 * 3090);
    expect(p.sweep.length).toBe(12);
  });
});

describe('server rendering (what a reader without JavaScript sees)', () => {
  it('each island renders its default figures', () => {
    expect(render(CrashLoop).body).toContain('failed (Result: start-limit-hit)');
    expect(render(GracefulStop).body).toContain('exit 0');
    expect(render(MemoryLimits).body).toContain('memory.events oom_kill');
    expect(render(CpuMax).body).toContain('cpu.stat nr_throttled');
    expect(render(OomPick).body).toContain('Reveal the model');
    expect(render(PoolSizing).body).toContain('2 × cores + 1 = 5');
  });
});

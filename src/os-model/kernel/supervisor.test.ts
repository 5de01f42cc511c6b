// Restart policies: timelines worked out by hand from systemd.service(5)/systemd.unit(5),
// supervisord's configuration docs and Kubernetes' Pod lifecycle docs, and checked against the
// measured supervisord run (calibration §11g: spawns 0, 1.04, 3.07, 6.11 s after the first).
import { describe, expect, it } from 'vitest';
import {
  crashLoop,
  kubePolicy,
  supervisordPolicy,
  systemdPolicy,
  SYSTEMD_DEFAULTS,
} from './supervisor.ts';

const startTimes = (r: ReturnType<typeof crashLoop>) =>
  r.events.filter((e) => e.kind === 'start').map((e) => e.t);

describe('systemd Restart=on-failure', () => {
  it('defaults: five starts 100 ms apart, the sixth within 10 s is refused (start-limit-hit)', () => {
    const r = crashLoop(systemdPolicy(), 0, 60);
    expect(startTimes(r)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(r.final).toBe('failed (Result: start-limit-hit)');
    expect(r.gaveUpAt).toBe(0.5);
  });

  it('a service that lives 1 s still hits the limit; one that lives 2 s never does', () => {
    const one = crashLoop(systemdPolicy(), 1, 60);
    expect(startTimes(one)).toEqual([0, 1.1, 2.2, 3.3, 4.4]);
    expect(one.gaveUpAt).toBe(5.5);
    const two = crashLoop(systemdPolicy(), 2, 60);
    expect(two.gaveUpAt).toBeNull();
    // 0, 2.1, 4.2, 6.3, 8.4, then 10.5 opens a new window
    expect(startTimes(two).slice(0, 6)).toEqual([0, 2.1, 4.2, 6.3, 8.4, 10.5]);
  });

  it('the RestartSec=5 trap: at most three starts in any window, so it loops forever', () => {
    const r = crashLoop(systemdPolicy({ ...SYSTEMD_DEFAULTS, restartSec: 5 }), 0, 60);
    expect(startTimes(r)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    expect(r.final).toBe('waiting to restart');
    expect(r.gaveUpAt).toBeNull();
  });
});

describe('supervisord', () => {
  it('defaults: back-off 1, 2, 3 s, then FATAL after the fourth quick exit, as measured', () => {
    const r = crashLoop(supervisordPolicy(), 0, 60);
    expect(startTimes(r)).toEqual([0, 1, 3, 6]);
    expect(r.final).toBe('FATAL (Exited too quickly)');
    expect(r.gaveUpAt).toBe(6);
  });

  it('a program that passes startsecs is RUNNING and is restarted forever', () => {
    const r = crashLoop(supervisordPolicy(), 2, 30);
    expect(startTimes(r)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(r.events.filter((e) => e.kind === 'running').length).toBe(10);
    expect(r.final).toBe('running');
    expect(r.uptime).toBeCloseTo(20 / 30, 9);
  });
});

describe('Kubernetes CrashLoopBackOff', () => {
  it('back-off 10 s doubling to a 5 min cap', () => {
    const r = crashLoop(kubePolicy(), 0, 1000);
    expect(startTimes(r)).toEqual([0, 10, 30, 70, 150, 310, 610, 910]);
    expect(r.final).toBe('waiting to restart');
  });

  it('resets the back-off after a run of 10 min', () => {
    expect(startTimes(crashLoop(kubePolicy(), 60, 300))).toEqual([0, 70, 150, 250]);
    expect(startTimes(crashLoop(kubePolicy(), 700, 3000))).toEqual([0, 710, 1420, 2130, 2840]);
  });
});

// The Connection storm island's geometry and rows, and its server render. Expected positions
// are worked out by hand from CHART (plot from x = 64 to 544, y = 16 to 256) and the log axis.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ConnectionStorm from './ConnectionStorm.svelte';
import { fmtMem, samples, stormChart, stormRows, xOf } from './connection-storm.ts';

describe('connection storm geometry', () => {
  it('puts 1 client at the left edge and 300 at the right, 10 at ln 10 / ln 300 of the way', () => {
    expect(xOf(1)).toBe(64);
    expect(xOf(300)).toBeCloseTo(544, 10);
    // ln 10 / ln 300 = 2.302585 / 5.703782 = 0.403694; 64 + 0.403694 × 480 = 257.77
    expect(xOf(10)).toBeCloseTo(257.77, 2);
  });

  it('samples every count up to 20 and ends at 300', () => {
    const s = samples();
    expect(s.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(s.at(-1)).toBe(300);
    expect(s.every((v, i) => i === 0 || v > s[i - 1])).toBe(true);
  });

  it('scales the y axis to the highest of model and measurements, in steps of 5,000', () => {
    // 2 CPUs: the model peaks at 22,379 tps (7 clients; see dbload.test.ts), above the measured
    // 20,398: y max 25,000. The measured 20,398 at 10 clients sits at y = 16 + 240 × (1 −
    // 20,398 / 25,000) = 16 + 240 × 0.18408 = 60.2
    const c = stormChart(10);
    expect(c.yMax).toBe(25000);
    expect(c.measured.find((m) => m.clients === 10)).toEqual({
      clients: 10,
      tps: 20398,
      x: 257.8,
      y: 60.2,
    });
    expect(c.modelPath.startsWith('M64 ')).toBe(true);
  });

  it('lists the measured values beside the fit, and adds the slider count', () => {
    const two = stormRows(37);
    expect(two.map((r) => [r.clients, r.measured])).toEqual([
      [1, 4340],
      [10, 20398],
      [37, null],
      [50, 15516],
      [100, 13397],
    ]);
  });

  it('writes memory in MiB below 1 GiB and in GiB above, as the chapter does', () => {
    // 300 × 1,238 KiB = 362.7 MiB; + 128 MiB = 490.7 MiB; 300 × 13,084 KiB = 3.74 GiB
    expect(fmtMem(362.695)).toBe('363 MiB');
    expect(fmtMem(490.695)).toBe('491 MiB');
    expect(fmtMem(3833.2)).toBe('3.7 GiB');
  });
});

describe('ConnectionStorm (server render)', () => {
  it('shows the default, 10 clients on 2 CPUs, with model and measured labelled', () => {
    const { body } = render(ConnectionStorm, { props: {} });
    // model at 10 clients: 2 / 97.108 µs = 20,595 tps (dbload.test.ts)
    expect(body).toContain('20,595');
    expect(body).toContain('Throughput (model)');
    expect(body).toContain('measured, pgbench -S on 2 vCPUs');
    expect(body).toContain('The chart as a table');
    // no other CPU counts: the fit says nothing about them
    expect(body).not.toContain('extrapolated');
    expect(body).not.toContain('<select');
    // 10 clients: 12,380 KiB = 12.09 MiB; RSS 130,840 KiB = 127.8 MiB; + 128 MiB = 140 MiB
    expect(body).toContain('12 MiB');
    expect(body).toContain('would claim 128 MiB');
    expect(body).toContain('the server uses 140 MiB');
    expect(body).toContain('pgbench measured 20,398 transactions per second');
  });
});

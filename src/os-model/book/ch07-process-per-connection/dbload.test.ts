// The connection-storm model. Expected values are derived by hand from public/data/calibration.md
// §4 (the arithmetic is in the comments), not read from the model's own output.
import { describe, expect, it } from 'vitest';
import { DBLOAD, MEASURED_PGBENCH, dbLoad, peakClients } from './dbload.ts';

describe('the calibration of dbLoad', () => {
  it('reproduces the one-client point exactly: 1 / (a + z) = 1 / 230.42 µs ≈ 4 340 tps', () => {
    // a + z = 47.12 + 183.3 = 230.42 µs; 10^6 / 230.42 = 4 339.9
    const l = dbLoad(1);
    expect(l.tps).toBeCloseTo(4339.9, 0);
    expect(l.latencyMs).toBeCloseTo(0.2304, 3);
    expect(l.bound).toBe('clients');
  });

  it('is CPU-bound from 10 clients on 2 CPUs, within 3 % of the measured TPS', () => {
    // c = 10: D = 47.12 + 21.71 × ln 10 (2.302585) = 97.108 µs; 2 / D = 20 595 tps
    // c = 50: D = 47.12 + 21.71 × 3.912023 = 132.050 µs; 2 / D = 15 146 tps
    // c = 100: D = 47.12 + 21.71 × 4.605170 = 147.098 µs; 2 / D = 13 596 tps
    const byHand: Record<number, number> = { 10: 20595, 50: 15146, 100: 13596 };
    for (const m of MEASURED_PGBENCH.filter((x) => x.clients >= 10)) {
      const l = dbLoad(m.clients, 2);
      expect(l.bound).toBe('cpu');
      expect(Math.abs(l.tps - byHand[m.clients])).toBeLessThan(1);
      expect(Math.abs(l.tps - m.tps) / m.tps).toBeLessThan(0.03);
      // Little's law: latency = clients / tps; measured 0.49, 3.22, 7.46 ms
      expect(Math.abs(l.latencyMs - m.latencyMs) / m.latencyMs).toBeLessThan(0.03);
      expect(l.utilisation).toBe(1);
    }
  });

  it('counts context switches as 1 + 3 / c per transaction', () => {
    // c = 1: 4 per tx × 4 339.9 = 17 360 per second (measured 17 300)
    expect(dbLoad(1).csPerTx).toBe(4);
    expect(dbLoad(1).csPerSec).toBeCloseTo(17359.6, 0);
    // c = 10: 1.3 per tx (measured 1.33)
    expect(dbLoad(10).csPerTx).toBeCloseTo(1.3, 10);
  });

  it('prices memory at 128 MiB + 1,238 KiB per connection, against 13,084 KiB per connection of RSS', () => {
    // 300 clients (the chapter's figures): 300 × 1,238 KiB = 371,400 KiB = 362.70 MiB (≈ 363);
    // + 128 MiB = 490.70 MiB; summing RSS claims 300 × 13,084 KiB = 3,925,200 KiB = 3,833.2 MiB
    // = 3.74 GiB (≈ 3.7)
    const l = dbLoad(300);
    expect(l.connMiB).toBeCloseTo(362.695, 3);
    expect(l.memoryMiB).toBeCloseTo(490.695, 3);
    expect(l.rssSumMiB / 1024).toBeCloseTo(3.743, 3);
    expect(DBLOAD.perConnKiB).toBe(1238);
    expect(DBLOAD.backendRssKiB).toBe(13084);
  });

  it('peaks a little above the CPU count and falls after it', () => {
    // the client bound c / (D + z) against the CPU bound P / D, for P = 2:
    // c = 6: D = 47.12 + 21.71 × ln 6 (1.7918) = 86.02 µs; 6 / 269.32 µs = 22 278 < 2 / 86.02 µs
    //        = 23 250, so client-bound at 22 278 tps
    // c = 7: D = 47.12 + 21.71 × 1.9459 = 89.37 µs; 7 / 272.67 µs = 25 672 > 2 / 89.37 µs = 22 379,
    //        so CPU-bound at 22 379 tps, the peak
    // c = 8: D = 92.26 µs; CPU-bound at 2 / 92.26 µs = 21 678 tps
    expect(peakClients(2)).toBe(7);
    expect(dbLoad(7).tps).toBeGreaterThan(dbLoad(6).tps);
    expect(dbLoad(8).tps).toBeLessThan(dbLoad(7).tps);
    expect(dbLoad(300).tps).toBeLessThan(dbLoad(100).tps);
  });

  it('refuses nonsense', () => {
    expect(() => dbLoad(0)).toThrow(RangeError);
    expect(() => dbLoad(2.5)).toThrow(/clients/);
    expect(() => dbLoad(10, 0)).toThrow(/cpus/);
  });
});

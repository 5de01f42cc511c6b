// Chapter 3's island forms (forms.ts): what a reader types, read or refused with a message that
// says what is wrong and where.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JOBS,
  eevdfTasksOf,
  fmt,
  gameSetupOf,
  numberOf,
  pct,
  traceSetupOf,
  wholeOf,
} from './forms.ts';

describe('chapter 3 forms', () => {
  it('reads whole and decimal numbers, refusing anything else', () => {
    expect(wholeOf(' 12 ')).toBe(12);
    expect(wholeOf('1.5')).toBeNull();
    expect(wholeOf('')).toBeNull();
    expect(numberOf('0,7')).toBe(0.7);
    expect(numberOf('3e2')).toBeNull();
  });

  it('reads the default workload, and names the job and column of a bad cell', () => {
    const ok = traceSetupOf('rr', '2', 'requeued-first', DEFAULT_JOBS);
    expect(ok.ok && ok.value.jobs.map((j) => j.length)).toEqual([8, 4, 2]);
    const rows = DEFAULT_JOBS.map((r) => (r.name === 'B' ? { ...r, length: 'x' } : r));
    expect(traceSetupOf('rr', '2', 'requeued-first', rows)).toEqual({
      ok: false,
      error: 'Job B: length must be a whole number; got “x”.',
    });
    expect(traceSetupOf('rr', 'two', 'requeued-first', DEFAULT_JOBS)).toMatchObject({ ok: false });
    const zero = DEFAULT_JOBS.map((r) => (r.name === 'C' ? { ...r, length: '0' } : r));
    expect(traceSetupOf('fifo', '2', 'requeued-first', zero)).toEqual({
      ok: false,
      error: 'Job C: length must be a whole number from 1 to 200.',
    });
  });

  it('reads the MLFQ game and names a bad field', () => {
    const f = { burst: '7', ioTicks: '1', quantum: '10', stay: true, boost: '0' };
    expect(gameSetupOf(f)).toMatchObject({ ok: true, value: { burst: 7, window: 300 } });
    expect(gameSetupOf({ ...f, boost: 'often' })).toEqual({
      ok: false,
      error: 'The boost period must be a whole number; got “often”.',
    });
  });

  it('reads EEVDF tasks and names a bad field', () => {
    expect(eevdfTasksOf([{ name: 'A', nice: '0', slice: '0.7', join: '0' }])).toEqual({
      ok: true,
      value: [{ name: 'A', nice: 0, slice: 0.7, join: 0 }],
    });
    expect(eevdfTasksOf([{ name: 'A', nice: 'low', slice: '3', join: '0' }])).toEqual({
      ok: false,
      error: 'Task A: nice must be a whole number; got “low”.',
    });
  });

  it('formats numbers with a true minus sign and percentages with one decimal', () => {
    expect(fmt(-20)).toBe('−20');
    expect(fmt(-0.0001)).toBe('0');
    expect(fmt(24.16666)).toBe('24.17');
    expect(pct(1024 / 1844)).toBe('55.5 %');
  });
});

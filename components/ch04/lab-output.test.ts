// Reading pasted lab output. The sample is this machine's real output of public/labs/ctxswitch.c
// (shortened to the lines the reader needs); expected values are read off it by hand.
import { describe, expect, it } from 'vitest';
import { compareRows, labVerdict, parseLab } from './lab-output.ts';

const SAMPLE = `# ctxswitch: context-switch cost (Processes, Step by Step, chapter 4)
machine kernel: 6.18.44 x86_64
machine pcid: yes
machine pti: off
round 1 of 3 done
result syscall getppid us 0.422
result handoff pipe process same-cpu us 1.160
result handoff pipe thread same-cpu us 1.990
result handoff futex process same-cpu us 1.689
result handoff futex thread same-cpu us 1.585
result handoff pipe process two-cpus us 59.977
result switches pipe process same-cpu per-trip 1.00
`;

describe('parseLab', () => {
  it('reads the machine lines and the results', () => {
    const r = parseLab(SAMPLE);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.machine).toMatchObject({ pcid: 'yes', pti: 'off' });
    expect(r.value.values['handoff pipe thread same-cpu']).toBe(1.99);
    expect(r.value.values['switches pipe process same-cpu']).toBe(1);
  });

  it('names the first line that is not ctxswitch output', () => {
    expect(parseLab(SAMPLE.replace('result syscall getppid us 0.422', 'hello world'))).toEqual({
      ok: false,
      error: expect.stringMatching(/^Line 6 is not part of ctxswitch's output: “hello world”/),
    });
  });

  it('rejects a value that is not a number, by line', () => {
    expect(parseLab('result syscall getppid us fast')).toEqual({
      ok: false,
      error: 'Line 1: “fast” is not a number of microseconds.',
    });
  });

  it('asks for the whole output when no result or a needed result is missing', () => {
    expect(parseLab('# only a comment')).toEqual({
      ok: false,
      error: 'No line starting with “result” was found: paste the whole output of ./ctxswitch.',
    });
    expect(parseLab('result syscall getppid us 0.3')).toEqual({
      ok: false,
      error: expect.stringContaining('“result handoff pipe process same-cpu …”'),
    });
  });

  it('refuses a paste far longer than the program prints', () => {
    expect(parseLab('#'.repeat(20001)).ok).toBe(false);
  });
});

describe('the comparison', () => {
  it('sets the values beside the two machines, with the reader’s ratio', () => {
    const r = parseLab(SAMPLE);
    if (!r.ok) throw new Error(r.error);
    const rows = compareRows(r.value);
    expect(rows[1]).toEqual({
      what: 'switch, two processes, pipe, one CPU',
      unit: 'µs',
      yours: 1.16,
      m1: 2.86,
      m2: 4.49,
    });
    expect(rows[5].yours).toBeCloseTo(1.16 / 1.99, 10);
    expect(rows[7]).toMatchObject({ yours: 59.977, m1: 51, m2: null });
    expect(labVerdict(r.value)).toBe(
      'Your CPU has PCID: yes; page-table isolation: off. By pipe, your process switch costs 0.58× your thread switch. This is machine 1’s combination (PCID, no isolation): expect a ratio near 1.',
    );
  });
});

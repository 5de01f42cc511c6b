// /proc/PID files of model processes (procfiles.ts), with values worked out by hand from the
// chapter 1 scenarios (book/ch01-programs-and-processes) and the layout's measured areas.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../kernel/types.ts';
import { step } from '../kernel/machine.ts';
import { loadScenario } from '../book/registry.ts';
import {
  fdListText,
  procPids,
  statFields,
  statusLines,
  statusText,
  switchesOf,
} from './procfiles.ts';

function at(name: string, n: number): { m: Machine; events: KEvent[] } {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(r.error);
  let m = r.value;
  const events: KEvent[] = [];
  for (let i = 0; i < n; i++) {
    const s = step(m, { type: 'tick' });
    events.push(...s.events);
    m = s.machine;
  }
  return { m, events };
}

const field = (m: Machine, pid: number, key: string, sw = {}) =>
  statusLines(m, pid, sw)?.find((l) => l.key === key)?.value;

describe('/proc/PID/status', () => {
  it('a running sum-loop: R, parent init, four 4 KiB pages resident', () => {
    const { m } = at('tiny-cpu', 4);
    expect(field(m, 2, 'Name')).toBe('sum-loop');
    expect(field(m, 2, 'State')).toBe('R (running)');
    expect(field(m, 2, 'PPid')).toBe('1');
    expect(field(m, 2, 'Threads')).toBe('1');
    // text, data, heap, stack: one page each; text is file-backed, the rest anonymous.
    expect(field(m, 2, 'VmRSS')).toBe('      16 kB');
    expect(field(m, 2, 'RssFile')).toBe('       4 kB');
    expect(field(m, 2, 'RssAnon')).toBe('      12 kB');
    expect(field(m, 2, 'VmData')).toBe('       8 kB');
    // 7 pages of the program's own areas plus 548 measured pages of libraries, vvar and vdso.
    expect(field(m, 2, 'VmSize')).toBe('    2220 kB');
    // libc's code 0x156000 bytes (342 pages) + ld.so's 0x26000 (38 pages) = 380 pages.
    expect(field(m, 2, 'VmLib')).toBe('    1520 kB');
  });

  it('the text is Key:<tab>value lines', () => {
    const { m } = at('tiny-cpu', 4);
    expect(statusText(m, 2)!.split('\n').slice(0, 3)).toEqual([
      'Name:\tsum-loop',
      'Umask:\t0022',
      'State:\tR (running)',
    ]);
  });

  it('a zombie: Z, and no memory lines (its mm is gone)', () => {
    const { m } = at('tiny-cpu', 17);
    expect(field(m, 2, 'State')).toBe('Z (zombie)');
    expect(field(m, 2, 'VmRSS')).toBeUndefined();
    expect(statusLines(m, 99)).toBeNull();
  });

  it('context switches: two programs taking two-tick turns are each preempted twice by tick 8', () => {
    const { m, events } = at('two-programs', 8);
    const sw = switchesOf(events);
    expect(field(m, 2, 'nonvoluntary_ctxt_switches', sw)).toBe('2');
    expect(field(m, 2, 'voluntary_ctxt_switches', sw)).toBe('0');
    expect(field(m, 3, 'nonvoluntary_ctxt_switches', sw)).toBe('2');
  });

  it('blocking is voluntary: a counter that sleeps counts one', () => {
    // three-processes: PID 3 goes to sleep at tick 17 (its first sleep(2)).
    const { m, events } = at('three-processes', 17);
    expect(field(m, 3, 'voluntary_ctxt_switches', switchesOf(events))).toBe('1');
    expect(field(m, 3, 'State')).toBe('S (sleeping)');
  });
});

describe('/proc/PID/stat, fd and the PID list', () => {
  it('stat has 52 fields; the model fills the ones it knows', () => {
    const { m } = at('tiny-cpu', 4);
    const s = statFields(m, 2)!;
    expect(s.fields).toHaveLength(52);
    expect(s.fields.slice(0, 4)).toEqual(['2', '(sum-loop)', 'R', '1']);
    expect(s.fields[13]).toBe('4'); // utime: four ticks of CPU
    expect(s.fields[19]).toBe('1'); // num_threads
    expect(s.fields[23]).toBe('4'); // rss in pages
    expect(s.known.has('minflt')).toBe(false);
    expect(s.fields[9]).toBe('0');
  });

  it('fd: 0, 1 and 2 on the console', () => {
    const { m } = at('tiny-cpu', 1);
    expect(fdListText(m, 2)).toBe(
      'total 0\n' +
        'lrwx------ 1 reader reader 64 Jan  1 00:00 0 -> /dev/console\n' +
        'lrwx------ 1 reader reader 64 Jan  1 00:00 1 -> /dev/console\n' +
        'lrwx------ 1 reader reader 64 Jan  1 00:00 2 -> /dev/console\n',
    );
  });

  it('ls /proc lists every PID, zombies too', () => {
    expect(procPids(at('tiny-cpu', 17).m)).toEqual([1, 2]);
    expect(procPids(at('tiny-cpu', 18).m)).toEqual([1]);
  });
});

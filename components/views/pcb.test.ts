// The control-block view on two-programs, followed PID 2. By hand: PID 2 runs ticks 1–2 and is
// switched out at the end of tick 2 (its slice of two ticks is over) with pc 2, r0 = 3, r1 = 0.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createTimeline, type KEvent, type Machine } from '../../src/os-model/index.ts';
import Pcb from './Pcb.svelte';
import { pcbViewOf } from './pcb.data.ts';

const r = createTimeline('two-programs', 0);
if (!r.ok) throw new Error(r.error);
const snaps: { machine: Machine; events: KEvent[] }[] = [r.value.current()];
while (snaps.length <= 3 && r.value.forward()) snaps.push(r.value.current());
const history = (n: number) => snaps.slice(1, n + 1).flatMap((s) => s.events);

describe('process control block view', () => {
  it('after two steps, PID 2 is RUNNABLE with its registers saved and one involuntary switch', () => {
    const d = pcbViewOf(snaps[2].machine, 2, history(2));
    const get = (fs: typeof d.xv6, decl: string) => fs.find((f) => f.decl.startsWith(decl))?.value;
    expect(get(d.xv6, 'enum procstate')).toBe('RUNNABLE');
    expect(get(d.xv6, 'struct trapframe')).toBe('pc 2, sp 519, r0 3, r1 0, r2 0, r3 0');
    expect(get(d.linux, 'unsigned long nvcsw')).toBe('0 voluntary, 1 involuntary');
  });

  it('renders both lenses, and says so when the process is gone', () => {
    const { body } = render(Pcb, {
      props: { machine: snaps[2].machine, pid: 2, history: history(2) },
    });
    expect(body).toContain('xv6: struct proc, PID 2');
    expect(body).toContain('Linux: struct task_struct (a digest), PID 2');
    const gone = render(Pcb, { props: { machine: snaps[2].machine, pid: 9, history: [] } });
    expect(gone.body).toContain('PID 9 no longer exists');
  });
});

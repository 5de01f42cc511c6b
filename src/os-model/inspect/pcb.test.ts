// The two lenses on a control block (pcb.ts), on the chapter 1 scenarios; values by hand.
import { describe, expect, it } from 'vitest';
import type { KEvent, Machine } from '../kernel/types.ts';
import { step } from '../kernel/machine.ts';
import { loadScenario } from '../book/registry.ts';
import { pcbOf } from './pcb.ts';
import { switchesOf } from './procfiles.ts';

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

const val = (fields: { decl: string; value: string }[], decl: string) =>
  fields.find((f) => f.decl.startsWith(decl))?.value;

describe('control block lenses', () => {
  it('xv6: a running process, its parent and its open files', () => {
    const { m } = at('tiny-cpu', 4);
    const p = pcbOf(m, 2);
    expect(val(p.xv6, 'enum procstate')).toBe('RUNNING');
    expect(val(p.xv6, 'int pid')).toBe('2');
    expect(val(p.xv6, 'struct proc *parent')).toBe('→ the proc of PID 1');
    expect(val(p.xv6, 'struct file *ofile')).toBe('fds 0, 1, 2 open');
    // pc 4 after four instructions; sp the top word of stack page 64: 65 × 8 − 1 = 519.
    expect(val(p.xv6, 'struct trapframe')).toBe(
      'live in the CPU: pc 4, sp 519, r0 3, r1 3, r2 0, r3 0',
    );
    expect(val(p.linux, 'unsigned int __state')).toBe('TASK_RUNNING');
  });

  it('switched out, the registers are the saved copy', () => {
    // two-programs: PID 2 is switched out at the end of tick 2 after `i = 3` and `load` (0).
    const { m, events } = at('two-programs', 2);
    const p = pcbOf(m, 2, switchesOf(events));
    expect(val(p.xv6, 'enum procstate')).toBe('RUNNABLE');
    expect(val(p.xv6, 'struct trapframe')).toBe('pc 2, sp 519, r0 3, r1 0, r2 0, r3 0');
    expect(val(p.linux, 'unsigned long nvcsw')).toBe('0 voluntary, 1 involuntary');
  });

  it('a zombie keeps its exit status and loses its memory and files', () => {
    const { m } = at('tiny-cpu', 17);
    const p = pcbOf(m, 2);
    expect(p.status).toBe('zombie');
    expect(val(p.xv6, 'int xstate')).toBe('6');
    expect(val(p.linux, 'struct mm_struct')).toBe('NULL (released at exit)');
    expect(val(p.linux, 'int exit_state')).toBe('EXIT_ZOMBIE, 1536');
    expect(pcbOf(m, 42).status).toBe('gone');
  });
});

// Loud invariant checks, run after every step in tests (xv6 panics; we list what is wrong).
import type { Machine } from './types.ts';
import { PAGE_WORDS } from './program.ts';
import { get, keys } from './table.ts';

/**
 * Every broken invariant of `m`, as a sentence; [] when all hold. Never fails. Precondition: none.
 */
export function checkInvariants(m: Machine): string[] {
  const bad: string[] = [];
  const init = m.config.init;
  // CPUs: at most one RUNNING task each, and RUNNING tasks are exactly the CPUs' tasks
  const onCpu = new Map<number, number>();
  for (const c of m.cpus) {
    if (c.hold !== -1 && (c.cur !== -1 || get(m.tasks, c.hold)?.state !== 'SLEEPING'))
      bad.push(`CPU ${c.id} is held for task ${c.hold}, which is not blocked on it`);
    if (c.cur === -1) continue;
    const t = get(m.tasks, c.cur);
    if (!t || t.state !== 'RUNNING')
      bad.push(`CPU ${c.id} holds task ${c.cur}, which is not RUNNING`);
    if (onCpu.has(c.cur)) bad.push(`task ${c.cur} is on two CPUs`);
    onCpu.set(c.cur, c.id);
  }
  const queued = new Set<number>();
  for (const tid of m.runq) {
    if (queued.has(tid)) bad.push(`task ${tid} is queued twice`);
    queued.add(tid);
    if (get(m.tasks, tid)?.state !== 'RUNNABLE') bad.push(`queued task ${tid} is not RUNNABLE`);
  }
  for (const k of keys(m.tasks)) {
    const t = get(m.tasks, k)!;
    if (t.tid !== Number(k)) bad.push(`task key ${k} holds task ${t.tid}`);
    // tids and pids share one number space (as in Linux): a thread's id is no other process's PID
    if (t.tid !== t.pid && get(m.procs, t.tid))
      bad.push(`thread ${t.tid} of PID ${t.pid} has the same id as PID ${t.tid}`);
    const p = get(m.procs, t.pid);
    if (!p) bad.push(`task ${t.tid} belongs to missing PID ${t.pid}`);
    else if (!p.tids.includes(t.tid)) bad.push(`PID ${t.pid} does not list its task ${t.tid}`);
    if (t.state === 'RUNNING' && onCpu.get(t.tid) !== t.cpu)
      bad.push(`RUNNING task ${t.tid} is on no CPU`);
    if (t.state === 'RUNNABLE' && !queued.has(t.tid))
      bad.push(`RUNNABLE task ${t.tid} is not queued`);
    if (t.state === 'SLEEPING' && !t.wchan) bad.push(`task ${t.tid} sleeps on nothing`);
    if (
      (t.wchan === 'io' || t.wchan === 'sleep') &&
      t.state === 'SLEEPING' &&
      !m.timers.some((x) => x.tid === t.tid)
    )
      bad.push(`task ${t.tid} waits for a timer that does not exist`);
  }
  // processes
  const fileRefs = new Map<number, number>();
  const frameRefs = new Map<number, number>();
  for (const k of keys(m.procs)) {
    const p = get(m.procs, k)!;
    if (p.pid !== Number(k)) bad.push(`process key ${k} holds PID ${p.pid}`);
    for (const tid of p.tids)
      if (!get(m.tasks, tid)) bad.push(`PID ${p.pid} lists missing task ${tid}`);
    if (p.state === 'ZOMBIE') {
      if (p.fds.some((e) => e)) bad.push(`zombie PID ${p.pid} holds open files`);
      if (p.mm) bad.push(`zombie PID ${p.pid} holds memory`);
      if (p.tids.length !== 1 || get(m.tasks, p.pid)?.state !== 'ZOMBIE')
        bad.push(`zombie PID ${p.pid} holds live tasks`);
      continue;
    }
    const isInit = init && p.pid === 1;
    if (!isInit) {
      const parent = get(m.procs, p.ppid);
      if (p.ppid === 0 ? init : !parent || parent.state !== 'ALIVE')
        bad.push(`live PID ${p.pid} has no live parent (ppid ${p.ppid})`);
    }
    for (const e of p.fds) if (e) fileRefs.set(e.f, (fileRefs.get(e.f) ?? 0) + 1);
    if (p.mm)
      for (const v in p.mm.pt) {
        const pte = p.mm.pt[v];
        frameRefs.set(pte.f, (frameRefs.get(pte.f) ?? 0) + 1);
        const fr = get(m.frames, pte.f);
        if (!fr) {
          bad.push(`PID ${p.pid} page ${v} maps missing frame ${pte.f}`);
          continue;
        }
        if (pte.w && fr.refs > 1 && fr.kind !== 'shared')
          bad.push(`PID ${p.pid} page ${v} is writable but its frame ${pte.f} is shared`);
        if (pte.w && pte.cow) bad.push(`PID ${p.pid} page ${v} is writable and copy-on-write`);
        if (fr.d && fr.d.length !== PAGE_WORDS) bad.push(`frame ${pte.f} has a bad size`);
      }
  }
  for (const k of keys(m.files)) {
    const f = get(m.files, k)!;
    const n = fileRefs.get(Number(k)) ?? 0;
    if (f.refs !== n) bad.push(`open file ${k} has refcount ${f.refs} but ${n} references`);
  }
  for (const [f] of fileRefs)
    if (!get(m.files, f)) bad.push(`an fd points at missing open file ${f}`);
  for (const k of keys(m.frames)) {
    const n = frameRefs.get(Number(k)) ?? 0;
    const refs = get(m.frames, k)!.refs;
    if (refs !== n) bad.push(`frame ${k} has refcount ${refs} but ${n} mappings`);
  }
  for (const k of keys(m.pipes)) {
    const p = get(m.pipes, k)!;
    if (p.buf.length > p.cap) bad.push(`pipe ${k} holds more than its capacity`);
  }
  for (let i = 1; i < m.timers.length; i++)
    if (m.timers[i - 1].at > m.timers[i].at) bad.push('timers are out of order');
  return bad;
}

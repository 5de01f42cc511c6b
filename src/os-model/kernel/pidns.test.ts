// PID namespaces: expectations from pid_namespaces(7), worked out by hand.
import { describe, expect, it } from 'vitest';
import { deliver, newNamespace, pidIn, rootWorld, spawnIn } from './pidns.ts';

describe('PID namespaces', () => {
  it('a container process has PID 1 inside and a host PID outside', () => {
    let w = rootWorld();
    for (const n of ['init', 'sshd', 'dockerd']) w = spawnIn(w, 0, n).world;
    const ns = newNamespace(w, 0);
    const a = spawnIn(ns.world, ns.ns, 'app');
    const b = spawnIn(a.world, ns.ns, 'worker');
    expect(pidIn(a.proc, ns.ns)).toBe(1);
    expect(pidIn(a.proc, 0)).toBe(4);
    expect(pidIn(b.proc, ns.ns)).toBe(2);
    expect(pidIn(b.proc, 0)).toBe(5);
    // the host's init is invisible inside the container
    expect(pidIn(b.world.procs[0], ns.ns)).toBeNull();
  });

  it("a namespace's init gets only the signals it handles, except SIGKILL from outside", () => {
    let w = rootWorld();
    w = spawnIn(w, 0, 'init').world;
    const ns = newNamespace(w, 0);
    const app = spawnIn(ns.world, ns.ns, 'app').proc;
    expect(deliver(app, 'SIGTERM', false, 0)).toMatch(/ignored/);
    expect(deliver(app, 'SIGTERM', true, 0)).toBe('delivered');
    expect(deliver(app, 'SIGKILL', false, 0)).toBe('delivered');
    expect(deliver(app, 'SIGKILL', false, ns.ns)).toMatch(/ignored/);
  });
});

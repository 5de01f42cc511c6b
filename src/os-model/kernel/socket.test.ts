// Listening sockets: expectations from listen(2) and accept(2), worked out by hand.
import { describe, expect, it } from 'vitest';
import { accept, closeListen, connect, listen, SOMAXCONN } from './socket.ts';

describe('listen and accept', () => {
  it('queues up to the backlog, drops the rest, and accepts oldest first', () => {
    let s = listen(2);
    const r: string[] = [];
    for (const id of [1, 2, 3]) {
      const c = connect(s, { id, at: id });
      s = c.socket;
      r.push(c.result);
    }
    expect(r).toEqual(['queued', 'queued', 'dropped']);
    const a = accept(s);
    expect(a.conn?.id).toBe(1);
    const b = accept(a.socket);
    expect(b.conn?.id).toBe(2);
    expect(accept(b.socket).conn).toBeNull();
    expect(b.socket.accepted).toBe(2);
    expect(b.socket.dropped).toBe(1);
  });

  it('two workers sharing one socket never get the same connection', () => {
    let s = listen(8);
    for (const id of [1, 2, 3, 4]) s = connect(s, { id, at: 0 }).socket;
    const got: number[] = [];
    for (let i = 0; i < 4; i++) {
      const a = accept(s); // worker i % 2 calls accept on the shared socket
      s = a.socket;
      got.push(a.conn!.id);
    }
    expect(got).toEqual([1, 2, 3, 4]);
    expect(new Set(got).size).toBe(4);
  });

  it('caps the backlog at somaxconn, resets queued connections on close, then refuses', () => {
    expect(listen(100000).backlog).toBe(SOMAXCONN);
    let s = listen(4);
    s = connect(s, { id: 1, at: 0 }).socket;
    s = closeListen(s);
    expect(s.reset).toBe(1);
    expect(connect(s, { id: 2, at: 1 }).result).toBe('refused');
    expect(() => listen(0)).toThrow(/at least 1/);
  });
});

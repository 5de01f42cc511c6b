// The pooling model. Expected assignments are traced by hand from the rules in dbpool.ts's
// header (rounds, rotated arrival order, last-in-first-out reuse of free servers).
import { describe, expect, it } from 'vitest';
import { CONNECT_MS, poolRun } from './dbpool.ts';

describe('poolRun', () => {
  it('without a pooler every client has its own backend: C processes, C connections', () => {
    const r = poolRun('direct', 20, 3, 4);
    expect([r.forked, r.peak, r.connections]).toEqual([20, 20, 20]);
    expect(r.setupMs).toBe(20 * 4);
    expect(r.prepared).toEqual({ checked: 40, failed: 0, first: null });
  });

  it('connect-per-transaction forks a backend for every transaction and loses session state', () => {
    // 4 clients × 2 transactions = 8 connections = 8 forks, 32 ms of set-up; at most 4 at once
    const r = poolRun('per-tx', 4, 2, 2);
    expect([r.forked, r.peak, r.connections, r.setupMs]).toEqual([8, 4, 8, 32]);
    expect(r.prepared.failed).toBe(4);
  });

  it('session pooling: pool-size processes, session state kept, extra clients wait', () => {
    // 4 clients, pool 2: clients 1 and 2 get servers 1 and 2; clients 3 and 4 wait the 2 rounds
    // of those sessions and then reuse servers 1 and 2
    const r = poolRun('session', 4, 2, 2);
    expect(r.assignment).toEqual([
      [1, 1],
      [2, 2],
      [1, 1],
      [2, 2],
    ]);
    expect([r.forked, r.connections, r.setupMs, r.waits]).toEqual([2, 2, 2 * CONNECT_MS, 4]);
    expect(r.prepared.failed).toBe(0);
  });

  it('transaction pooling: pool-size processes, but a later transaction may land elsewhere', () => {
    // Round 1, order 1 2 3 4: client 1 opens server 1, client 2 opens server 2; the pool is full,
    // both finish (1 then 2, so 2 is on top of the free stack): client 3 takes 2, client 4 takes 1;
    // free stack after the round: [2, 1] (1 on top).
    // Round 2, order 2 3 4 1: client 2 takes 1, client 3 takes 2; both finish: stack [1, 2];
    // client 4 takes 2, client 1 takes 1.
    const r = poolRun('transaction', 4, 2, 2);
    expect(r.assignment).toEqual([
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
    ]);
    expect([r.forked, r.peak, r.connections, r.setupMs, r.waits]).toEqual([2, 2, 2, 8, 0]);
    // client 2 prepared on server 2 and executed on server 1; client 4 prepared on 1, ran on 2
    expect(r.prepared).toEqual({
      checked: 4,
      failed: 2,
      first: { client: 2, tx: 2, prepareOn: 2, executeOn: 1 },
    });
  });

  it('never opens more servers than the pool, nor more than there are clients', () => {
    expect(poolRun('transaction', 20, 3, 4).forked).toBe(4);
    expect(poolRun('transaction', 3, 3, 10).forked).toBe(3);
    expect(poolRun('session', 3, 3, 10).forked).toBe(3);
  });

  it('refuses bad arguments by name', () => {
    expect(() => poolRun('transaction', 0, 2, 2)).toThrow(/clients/);
    expect(() => poolRun('transaction', 2, 21, 2)).toThrow(/transactions per client/);
    expect(() => poolRun('transaction', 2, 2, 0)).toThrow(/pool size/);
    expect(() => poolRun('statement' as 'session', 2, 2, 2)).toThrow(/mode/);
  });
});

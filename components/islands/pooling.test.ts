// The Pooling island's form reading and sentences. Expected values traced by hand from
// src/os-model/book/ch07-process-per-connection/dbpool.ts's rules (see dbpool.test.ts for the 4-client, pool-of-2 trace).
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import Pooling from './Pooling.svelte';
import { runForm, sessionVerdict } from './pooling.ts';

describe('runForm', () => {
  it('names the wrong field', () => {
    const r = runForm({ mode: 'session', clients: '0', tx: '2', pool: '2' });
    expect(r).toEqual({
      ok: false,
      error: 'Clients must be a whole number from 1 to 100; got “0”.',
    });
    const s = runForm({ mode: 'session', clients: '4', tx: 'x', pool: '2' });
    expect(s.ok ? '' : s.error).toMatch(/^Transactions per client/);
    const t = runForm({ mode: 'session', clients: '4', tx: '2', pool: '2.5' });
    expect(t.ok ? '' : t.error).toMatch(/^Pool size/);
  });

  it('runs the model', () => {
    const r = runForm({ mode: 'transaction', clients: '4', tx: '2', pool: '2' });
    expect(r.ok && r.run.forked).toBe(2);
  });
});

describe('sessionVerdict', () => {
  it('names the first failure in transaction mode', () => {
    const r = runForm({ mode: 'transaction', clients: '4', tx: '2', pool: '2' });
    if (!r.ok) throw new Error(r.error);
    expect(sessionVerdict(r.run)).toBe(
      '2 of 4 EXECUTEs failed. For example client 2 prepared q2 on server process 2, but its transaction 2 ran on server process 1: ERROR: prepared statement "q2" does not exist.',
    );
  });

  it('says all were found in session mode', () => {
    const r = runForm({ mode: 'session', clients: '4', tx: '2', pool: '2' });
    if (!r.ok) throw new Error(r.error);
    expect(sessionVerdict(r.run)).toBe(
      "All 4 EXECUTEs found their prepared statement: every client's transactions ran in one session.",
    );
  });
});

describe('Pooling (server render)', () => {
  it('renders the default run: 8 clients, 3 transactions, a pool of 3, transaction mode', () => {
    const { body } = render(Pooling, { props: {} });
    expect(body).toContain('Server processes forked');
    // 8 clients of 3 transactions through a pool of 3: 3 server processes, 3 connections, 12 ms
    expect(body).toMatch(/Server processes forked<\/dt>\s*<dd[^>]*><strong[^>]*>3<\/strong>/);
    expect(body).toContain('12 ms');
  });
});

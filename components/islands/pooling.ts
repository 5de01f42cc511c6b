// Text and validation of the Pooling island, over the pooling model (src/os-model/book/ch07-process-per-connection/dbpool.ts).
// Pure: no DOM, tested in pooling.test.ts.
import { poolRun, type PoolMode, type PoolRun } from '../../src/os-model/index.ts';

export const MODE_LABELS: Record<PoolMode, string> = {
  direct: 'No pooler, one persistent connection per client',
  'per-tx': 'No pooler, a new connection per transaction',
  session: 'Pooler in session mode',
  transaction: 'Pooler in transaction mode',
};

export type PoolForm = { mode: PoolMode; clients: string; tx: string; pool: string };

/**
 * Reads the form's text fields and runs the model. Precondition: none. Failure: an error value
 * whose message names the field that is wrong (never throws).
 */
export function runForm(f: PoolForm): { ok: true; run: PoolRun } | { ok: false; error: string } {
  const field = (text: string, name: string, lo: number, hi: number): number | string => {
    const t = text.trim();
    const v = Number(t);
    return /^\d+$/.test(t) && v >= lo && v <= hi
      ? v
      : `${name} must be a whole number from ${lo} to ${hi}; got “${t}”.`;
  };
  const clients = field(f.clients, 'Clients', 1, 100);
  const tx = field(f.tx, 'Transactions per client', 1, 20);
  const pool = field(f.pool, 'Pool size', 1, 100);
  for (const v of [clients, tx, pool]) if (typeof v === 'string') return { ok: false, error: v };
  return { ok: true, run: poolRun(f.mode, clients as number, tx as number, pool as number) };
}

/** One sentence on the session-state check. Never fails. Precondition: none. */
export function sessionVerdict(r: PoolRun): string {
  const p = r.prepared;
  if (p.checked === 0)
    return 'Each client runs one transaction, so no later transaction needs its prepared statement.';
  if (p.failed === 0)
    return `All ${p.checked} EXECUTEs found their prepared statement: every client's transactions ran in one session.`;
  const f = p.first;
  const where =
    f === null
      ? ''
      : r.mode === 'per-tx'
        ? ` For example client ${f.client}'s transaction ${f.tx} ran on a new connection (server process ${f.executeOn}), which never saw the PREPARE.`
        : ` For example client ${f.client} prepared q${f.client} on server process ${f.prepareOn}, but its transaction ${f.tx} ran on server process ${f.executeOn}: ERROR: prepared statement "q${f.client}" does not exist.`;
  return `${p.failed} of ${p.checked} EXECUTEs failed.${where}`;
}

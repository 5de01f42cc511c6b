// The memory cells view's rows: for each process (init left out), the words of its data page,
// with the word this step loaded or stored marked. The words come from the model's inspect layer
// (wordsOf); this module only arranges them.
import type { KEvent, Machine } from '../../src/os-model/index.ts';
import { values, wordsOf } from '../../src/os-model/index.ts';

export type Cell = { addr: number; value: number; touched: 'load' | 'store' | null };

export type CellsRow = { pid: number; name: string; zombie: boolean; cells: Cell[] };

/** One sentence per load or store of this step, for the view's note and screen readers. */
export type CellsData = { rows: CellsRow[]; addrs: number[]; notes: string[] };

/**
 * The data-page words of every process but init, by PID, marking this step's loads and stores.
 * Precondition: none. Never fails (a machine with no such process gives no rows).
 */
export function memoryCellsOf(m: Machine, events: readonly KEvent[]): CellsData {
  const touched = new Map<string, 'load' | 'store'>();
  const notes: string[] = [];
  for (const e of events)
    if (e.type === 'mem') {
      touched.set(`${e.pid}:${e.addr}`, e.op);
      notes.push(
        e.op === 'store'
          ? `PID ${e.pid} stored ${e.value} at address ${e.addr}.`
          : `PID ${e.pid} loaded ${e.value} from address ${e.addr}.`,
      );
    }
  const rows: CellsRow[] = [];
  for (const p of values(m.procs).sort((a, b) => a.pid - b.pid)) {
    if (p.name === 'init' && p.pid === 1) continue;
    const words = wordsOf(m, p.pid, 'data');
    rows.push({
      pid: p.pid,
      name: p.name,
      zombie: p.state === 'ZOMBIE',
      cells: words.map((w) => ({ ...w, touched: touched.get(`${p.pid}:${w.addr}`) ?? null })),
    });
  }
  const addrs = rows.find((r) => r.cells.length > 0)?.cells.map((c) => c.addr) ?? [];
  return { rows, addrs, notes };
}

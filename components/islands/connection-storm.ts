// Geometry and rows of the Connection storm island: the model's throughput curve (dbLoad, from
// src/os-model/book/ch07-process-per-connection/dbload.ts) against the measured pgbench points, on a logarithmic client axis.
// Pure: no DOM, tested in connection-storm.test.ts.
import { dbLoad, MEASURED_PGBENCH, type Load } from '../../src/os-model/index.ts';

export const MAX_CLIENTS = 300;
export const CPU_CHOICES = [1, 2, 4, 8] as const;

/** Plot area of the SVG (viewBox 0 0 W H). */
export const CHART = { w: 560, h: 300, left: 64, right: 16, top: 16, bottom: 44 } as const;

export type Chart = {
  /** y-axis maximum, transactions per second (a multiple of 5,000). */
  yMax: number;
  modelPath: string;
  measured: { clients: number; tps: number; x: number; y: number }[];
  current: { x: number; y: number };
  xTicks: { value: number; x: number }[];
  yTicks: { value: number; y: number }[];
};

const PLOT_W = CHART.w - CHART.left - CHART.right;
const PLOT_H = CHART.h - CHART.top - CHART.bottom;

/** x of `clients` on the log axis from 1 to MAX_CLIENTS. Never fails. Precondition: clients >= 1. */
export function xOf(clients: number): number {
  return CHART.left + (Math.log(clients) / Math.log(MAX_CLIENTS)) * PLOT_W;
}

/** Client counts sampled for the curve: every count to 20, then about 4 % apart. Never fails. */
export function samples(): number[] {
  const out: number[] = [];
  for (let c = 1; c <= MAX_CLIENTS; c = c < 20 ? c + 1 : Math.ceil(c * 1.04)) out.push(c);
  if (out[out.length - 1] !== MAX_CLIENTS) out.push(MAX_CLIENTS);
  return out;
}

/**
 * The chart for `cpus` CPUs with the slider at `clients`. Precondition: 1 <= clients <=
 * MAX_CLIENTS, cpus in CPU_CHOICES. Failure: throws like dbLoad for values out of its range.
 */
export function stormChart(cpus: number, clients: number): Chart {
  const pts = samples().map((c) => ({ c, tps: dbLoad(c, cpus).tps }));
  const top = Math.max(...pts.map((p) => p.tps), ...MEASURED_PGBENCH.map((m) => m.tps));
  const yMax = Math.ceil(top / 5000) * 5000;
  const yOf = (tps: number) => CHART.top + PLOT_H * (1 - tps / yMax);
  const r = (v: number) => Math.round(v * 10) / 10;
  const step = yMax / 5;
  return {
    yMax,
    modelPath: pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${r(xOf(p.c))} ${r(yOf(p.tps))}`).join(' '),
    measured: MEASURED_PGBENCH.map((m) => ({
      clients: m.clients,
      tps: m.tps,
      x: r(xOf(m.clients)),
      y: r(yOf(m.tps)),
    })),
    current: { x: r(xOf(clients)), y: r(yOf(dbLoad(clients, cpus).tps)) },
    xTicks: [1, 2, 5, 10, 20, 50, 100, 200, 300].map((v) => ({ value: v, x: r(xOf(v)) })),
    yTicks: Array.from({ length: 6 }, (_, i) => ({ value: i * step, y: r(yOf(i * step)) })),
  };
}

export type TableRow = { clients: number; measured: number | null; model: Load };

/**
 * The table alternative: the measured client counts, plus the slider's count when it is not one
 * of them, with the model's figures on `cpus` CPUs (measured values only on 2 CPUs, where they
 * were measured). Precondition: as stormChart. Failure: throws like dbLoad.
 */
export function stormRows(cpus: number, clients: number): TableRow[] {
  const counts = [...new Set([...MEASURED_PGBENCH.map((m) => m.clients), clients])].sort(
    (a, b) => a - b,
  );
  return counts.map((c) => ({
    clients: c,
    measured: cpus === 2 ? (MEASURED_PGBENCH.find((m) => m.clients === c)?.tps ?? null) : null,
    model: dbLoad(c, cpus),
  }));
}

const INT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const TWO = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** "20,595" Never fails. */
export const fmtInt = (v: number): string => INT.format(Math.round(v));
/** "0.49" Never fails. */
export const fmt2 = (v: number): string => TWO.format(v);

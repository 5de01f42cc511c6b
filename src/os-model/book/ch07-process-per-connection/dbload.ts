// The connection-storm model: how throughput, latency, context switches and memory of a
// process-per-connection database change with the number of clients, for pgbench's select-only
// workload. An analytic model (the asymptotic bounds of a closed queueing network), calibrated
// on the measurements in public/data/calibration.md §4 (PostgreSQL 15, 2 vCPUs). It is a model:
// the chapter draws the measured points beside it and never presents its output as a measurement.
//
// Derivation of the parameters (all from calibration.md §4b unless stated):
//
// 1. CPU demand per transaction, D(c). At 10, 50 and 100 clients the two vCPUs were saturated
//    (idle 0.5–1 %), so D = P / X with P = 2 CPUs:
//      c = 10:  2 / 20 398 = 98.05 µs    c = 50: 2 / 15 516 = 128.90 µs
//      c = 100: 2 / 13 397 = 149.29 µs
//    D grows with the number of backends (more scheduling, cache and TLB pressure, and lock and
//    ProcArray contention, §4b's interpretation). A straight line in ln c fits the three points by
//    least squares: x = ln c = 2.3026, 3.9120, 4.6052 (mean 3.6066); y mean = 125.41;
//    Sxy = 60.59, Sxx = 2.791, so b = Sxy / Sxx = 21.71 µs and a = 125.41 − 21.71 × 3.6066
//    = 47.12 µs. D(c) = a + b ln c.
// 2. Delay per transaction outside the CPU, z (the client's round trip: wake-ups, hand-offs
//    between the two vCPUs, which cost 42–51 µs each in this VM, §1). With one client nothing
//    overlaps, so 1 / X(1) = D(1) + z: 1 / 4 340 = 230.41 µs, D(1) = a = 47.12 µs, z = 183.30 µs.
// 3. Throughput X(c) = min(c / (D(c) + z), P / D(c)): the client-bound and the CPU-bound limit.
//    Latency R(c) = c / X(c) (Little's law; pgbench has no think time).
// 4. Context switches per transaction: 1 + 3 / c. One voluntary switch per transaction per backend
//    (measured ≈ 1.0); with one client, the client and the idle CPU add three more (measured 3.99
//    at c = 1), shared out as clients batch (measured 1.33, 1.10, 1.12 at c = 10, 50, 100).
// 5. Memory: shared_buffers (128 MiB, the cluster's setting in §4) + c × 1,238 KiB, the marginal
//    memory of an idle connection (total-PSS slope + page tables + kernel stacks, §4a "fresh").
//    For contrast, what adding up `ps`'s RSS would claim: c × 13,084 KiB (§4a, the idle backend's
//    RSS). /proc's "kB" are KiB; 1 MiB = 1,024 KiB, 1 GiB = 1,024 MiB.
//
// Check against the measurements (model / measured): TPS 4 340 / 4 340 (c = 1, by construction),
// 20 595 / 20 398, 15 146 / 15 516, 13 596 / 13 397; latency 0.230 / 0.230, 0.486 / 0.490,
// 3.30 / 3.22, 7.36 / 7.46 ms. The fit says nothing about other CPU counts, so the chapter shows
// only the measured 2.

export const DBLOAD = {
  /** Intercept of the CPU demand per transaction, µs (derivation step 1). */
  aUs: 47.12,
  /** Growth of the demand per unit of ln(clients), µs (step 1). */
  bUs: 21.71,
  /** Delay per transaction outside the CPU, µs (step 2). */
  zUs: 183.3,
  /** Marginal memory per idle connection, KiB (step 5; calibration.md §4a). */
  perConnKiB: 1238,
  /** shared_buffers of the measured cluster, MiB (calibration.md §4). */
  sharedBuffersMiB: 128,
  /** RSS of one idle backend as ps shows it, KiB (calibration.md §4a). */
  backendRssKiB: 13084,
} as const;

/** pgbench -S on 2 vCPUs, medians of 3 runs (calibration.md §4b). */
export const MEASURED_PGBENCH: readonly {
  clients: number;
  tps: number;
  latencyMs: number;
  csPerSec: number;
}[] = [
  { clients: 1, tps: 4340, latencyMs: 0.23, csPerSec: 17300 },
  { clients: 10, tps: 20398, latencyMs: 0.49, csPerSec: 26700 },
  { clients: 50, tps: 15516, latencyMs: 3.22, csPerSec: 16900 },
  { clients: 100, tps: 13397, latencyMs: 7.46, csPerSec: 14800 },
];

/** The CPU count of the measurements, the only one the chapter shows. */
export const MEASURED_CPUS = 2;

export type Load = {
  clients: number;
  cpus: number;
  /** CPU time per transaction, µs. */
  demandUs: number;
  tps: number;
  latencyMs: number;
  /** 'cpu': the CPUs are the bottleneck; 'clients': too few clients to keep them busy. */
  bound: 'cpu' | 'clients';
  /** Fraction of the CPUs busy, 0–1. */
  utilisation: number;
  csPerTx: number;
  csPerSec: number;
  /** Memory the server really uses, MiB (shared_buffers + marginal per connection). */
  memoryMiB: number;
  /** The connections' share of it, MiB (clients × marginal per connection). */
  connMiB: number;
  /** What summing the backends' RSS would claim, MiB. */
  rssSumMiB: number;
};

/**
 * The model's figures for `clients` clients on `cpus` CPUs (the derivation is in the header).
 * Precondition: none. Failure: throws a RangeError naming the argument when clients is not a
 * whole number from 1 to 10,000 or cpus not a whole number from 1 to 64.
 */
export function dbLoad(clients: number, cpus = MEASURED_CPUS): Load {
  if (!Number.isInteger(clients) || clients < 1 || clients > 10000)
    throw new RangeError('clients must be a whole number from 1 to 10,000');
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 64)
    throw new RangeError('cpus must be a whole number from 1 to 64');
  const d = DBLOAD.aUs + DBLOAD.bUs * Math.log(clients);
  const byClients = (clients / (d + DBLOAD.zUs)) * 1e6;
  const byCpu = (cpus / d) * 1e6;
  const tps = Math.min(byClients, byCpu);
  const csPerTx = 1 + 3 / clients;
  return {
    clients,
    cpus,
    demandUs: d,
    tps,
    latencyMs: (clients / tps) * 1000,
    bound: byCpu <= byClients ? 'cpu' : 'clients',
    utilisation: Math.min(1, (tps * d) / 1e6 / cpus),
    csPerTx,
    csPerSec: tps * csPerTx,
    memoryMiB: DBLOAD.sharedBuffersMiB + (clients * DBLOAD.perConnKiB) / 1024,
    connMiB: (clients * DBLOAD.perConnKiB) / 1024,
    rssSumMiB: (clients * DBLOAD.backendRssKiB) / 1024,
  };
}

/**
 * The client count with the highest modelled throughput among 1..max on `cpus` CPUs. Precondition:
 * as dbLoad. Failure: throws like dbLoad.
 */
export function peakClients(cpus = MEASURED_CPUS, max = 500): number {
  let best = 1;
  let bestTps = 0;
  for (let c = 1; c <= max; c++) {
    const t = dbLoad(c, cpus).tps;
    if (t > bestTps) [best, bestTps] = [c, t];
  }
  return best;
}

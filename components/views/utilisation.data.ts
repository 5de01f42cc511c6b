// The utilisation view's figures: the CPU utilisation of the run so far (the reader's own
// scheduling, in "be the OS") against the same scenario run to its end under OSTEP's simple
// policies. The policies' runs are the island's (components/sim/comparison.ts, the model's
// comparePolicies), handed in as data: this module runs no simulation. Pure: no DOM, no Svelte.
import type { Machine, PolicyResult, Result } from '../../src/os-model/index.ts';
import { isFinished, utilisation } from '../../src/os-model/index.ts';

export type UtilisationRow = {
  id: string;
  label: string;
  busy: number;
  total: number;
  ratio: number | null;
};

export type UtilisationData = {
  you: UtilisationRow & { finished: boolean };
  policies: UtilisationRow[];
  /** Why the policies could not be compared, or null. */
  error: string | null;
  /** One or two sentences: the score so far, or the final comparison. */
  verdict: string;
};

/** "88.2%" (one decimal, trailing .0 dropped), or "—" before the first tick. Never fails. */
export function formatRatio(r: number | null): string {
  if (r === null) return '—';
  return `${Math.round(r * 1000) / 10}%`;
}

function comparison(you: number, p: PolicyResult | UtilisationRow): 'better' | 'same' | 'worse' {
  const theirs = p.ratio ?? 0;
  if (Math.abs(you - theirs) < 1e-9) return 'same';
  return you > theirs ? 'better' : 'worse';
}

/** The policies' names inside a sentence. */
const SHORT: Record<string, string> = {
  end: 'run to completion',
  io: 'switch on I/O',
  'io-immediate': 'switch on I/O with immediate wake-up',
};

const list = (xs: string[]): string =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/**
 * The view's data for the run at `m`, beside `compared`: the same scenario run to its end under
 * each simple policy (the island's PolicyComparison). Precondition: none. Never fails (a
 * comparison that failed gives `error` and no policy rows).
 */
export function utilisationData(m: Machine, compared: Result<PolicyResult[]>): UtilisationData {
  const u = utilisation(m);
  const finished = isFinished(m);
  // Under the manual scheduler the reader chose every dispatch; otherwise the run is the policy's.
  const reader = m.config.sched.kind === 'manual';
  const you = {
    id: 'you',
    label: reader ? 'Your schedule' : `This run (${m.config.sched.kind})`,
    ...u,
    finished,
  };
  const subject = reader ? 'You' : 'This run';
  const policies: UtilisationRow[] = compared.ok
    ? compared.value.map((p) => ({
        id: p.id,
        label: p.label,
        busy: p.busy,
        total: p.total,
        ratio: p.ratio,
      }))
    : [];
  let verdict: string;
  if (u.ratio === null) {
    verdict = reader
      ? 'Nothing has run yet. Dispatch a ready process, then step forward.'
      : 'Nothing has run yet. Step forward.';
  } else if (!finished) {
    verdict = `So far the CPU was busy in ${u.busy} of ${u.total} ticks (${formatRatio(u.ratio)}). The score is final when every process has finished.`;
  } else {
    const mine = u.ratio;
    const by = (k: 'better' | 'same' | 'worse') =>
      policies
        .filter((p) => comparison(mine, p) === k)
        .map((p) => `${SHORT[p.id] ?? p.label} (${formatRatio(p.ratio)})`);
    const parts = [
      `Finished: the CPU was busy in ${u.busy} of ${u.total} ticks (${formatRatio(mine)}).`,
    ];
    if (by('better').length > 0) parts.push(`${subject} beat ${list(by('better'))}.`);
    if (by('same').length > 0) parts.push(`${subject} matched ${list(by('same'))}.`);
    if (by('worse').length > 0) parts.push(`${subject} did not reach ${list(by('worse'))}.`);
    verdict = parts.join(' ');
  }
  return { you, policies, error: compared.ok ? null : compared.error, verdict };
}

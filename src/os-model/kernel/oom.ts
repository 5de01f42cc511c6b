// The OOM killer's choice, as Linux's mm/oom_kill.c makes it. oom_badness() scores each
// candidate in pages: its resident set, plus its swap entries, plus its page tables, plus
// oom_score_adj thousandths of the memory the kill is for (`adj *= totalpages / 1000`): the whole
// machine's RAM and swap for a global OOM, the cgroup's memory.max for a cgroup OOM. An adj of
// -1000 (OOM_SCORE_ADJ_MIN, include/uapi/linux/oom.h) makes a process unkillable. The candidate
// with the highest score dies; select_bad_process() keeps the later of two equal scores, because
// it skips a task only when its points are *below* the best so far. /proc/PID/oom_score shows the
// same score scaled, (1000 + badness × 1000 / totalpages) × 2 / 3 (fs/proc/base.c).

export const OOM_SCORE_ADJ_MIN = -1000;
export const OOM_SCORE_ADJ_MAX = 1000;

/** One candidate: its memory in pages, and its oom_score_adj. */
export type OomCandidate = {
  name: string;
  pid: number;
  /** Resident pages (anonymous, file and shared memory mapped by the process). */
  rss: number;
  /** Pages swapped out. */
  swap: number;
  /** Pages of page tables (mm_pgtables_bytes / PAGE_SIZE). */
  pgtables: number;
  adj: number;
};

/**
 * oom_badness(): the candidate's score in pages, or null for an unkillable one (adj -1000).
 * `totalpages` is the memory the kill is for. Precondition: adj within -1000..1000 and
 * totalpages ≥ 0. Never fails.
 */
export function oomBadness(p: OomCandidate, totalpages: number): number | null {
  if (p.adj === OOM_SCORE_ADJ_MIN) return null;
  const points = p.rss + p.swap + p.pgtables;
  // C: `adj *= totalpages / 1000;` with unsigned long division, then `points += adj`.
  return points + p.adj * Math.trunc(totalpages / 1000);
}

/**
 * /proc/PID/oom_score for a candidate: 0 for an unkillable one, otherwise the badness scaled as
 * fs/proc/base.c does, (1000 + badness × 1000 / totalpages) × 2 / 3 in integer arithmetic.
 * Precondition: totalpages ≥ 1. Never fails.
 */
export function oomScore(p: OomCandidate, totalpages: number): number {
  const b = oomBadness(p, totalpages);
  if (b === null) return 0;
  return Math.max(0, Math.trunc(((1000 + Math.trunc((b * 1000) / totalpages)) * 2) / 3));
}

/** The verdict of one OOM kill: every candidate's badness, and the victim (null: none killable). */
export type OomChoice = {
  scores: { pid: number; name: string; badness: number | null }[];
  victim: OomCandidate | null;
};

/**
 * select_bad_process(): the candidate with the highest badness; of equal scores the later one
 * in `candidates` order (the kernel's task-list order). Unkillable candidates are skipped; if no
 * candidate is left the victim is null (the kernel then panics for a global OOM, or leaves the
 * cgroup's tasks waiting). Precondition: none. Never fails.
 */
export function selectVictim(candidates: OomCandidate[], totalpages: number): OomChoice {
  let victim: OomCandidate | null = null;
  let best = -Infinity;
  const scores = candidates.map((p) => {
    const b = oomBadness(p, totalpages);
    if (b !== null && b >= best) {
      best = b;
      victim = p;
    }
    return { pid: p.pid, name: p.name, badness: b };
  });
  return { scores, victim };
}

/** Kubernetes quality-of-service classes (a pod's requests and limits decide its class). */
export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The oom_score_adj the kubelet gives a container (pkg/kubelet/qos/policy.go,
 * GetContainerOOMScoreAdjust): Guaranteed -997, BestEffort 1000, Burstable
 * 1000 − 1000 × request / capacity in integer arithmetic, raised to at least 3 (1000 − 997) and
 * lowered from 1000 to 999 so it stays between the other two. Precondition: for Burstable,
 * 0 ≤ requestBytes and capacityBytes ≥ 1. Never fails.
 */
export function kubeletOomScoreAdj(qos: QosClass, requestBytes = 0, capacityBytes = 1): number {
  if (qos === 'Guaranteed') return -997;
  if (qos === 'BestEffort') return 1000;
  const adj = 1000 - Math.trunc((1000 * requestBytes) / capacityBytes);
  if (adj < 3) return 3;
  if (adj === 1000) return 999;
  return adj;
}

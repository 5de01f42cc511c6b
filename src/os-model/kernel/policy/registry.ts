// The scheduling policies, one file each. Adding a policy is one new file in this folder and one
// line here; the kernel, the scenario options and the views read the list from this table.
import type { Machine } from '../types.ts';
import type { SchedPolicy } from './policy.ts';
import { fifo } from './fifo.ts';
import { sjf } from './sjf.ts';
import { stcf } from './stcf.ts';
import { rr } from './rr.ts';
import { priority } from './priority.ts';
import { ostep } from './ostep.ts';
import { manual } from './manual.ts';
import { mlfq } from './mlfq.ts';
import { lottery } from './lottery.ts';
import { stride } from './stride.ts';

export const POLICIES = {
  fifo,
  sjf,
  stcf,
  rr,
  priority,
  ostep,
  manual,
  mlfq,
  lottery,
  stride,
} as const satisfies Record<string, SchedPolicy>;

/** A policy's name, as config.sched.kind and a scenario's `policy` option spell it. */
export type SchedKind = keyof typeof POLICIES;

/** Every policy name, in the table's order. */
export const SCHED_KINDS = Object.keys(POLICIES) as SchedKind[];

/** True when `s` names a policy. Precondition: none. Never fails. */
export function isSchedKind(s: unknown): s is SchedKind {
  return typeof s === 'string' && Object.hasOwn(POLICIES, s);
}

/** The policy a machine runs. Precondition: m.config.sched.kind names a policy. Never fails. */
export function policyOf(m: Machine): SchedPolicy {
  return POLICIES[m.config.sched.kind];
}

// The one validator of actions, the kernel's system-call argument checks (xv6's argint/argaddr
// plus the checks sys_kill makes before kill()): the shape of an action that comes from outside
// the book's code (a shared link), and whether a well-shaped action makes sense on a given machine
// (is there such a PID, does the scheduler let the reader dispatch). step() and the timeline both
// use it; the signal list comes from state.ts and the policy rule from policy/registry.ts.
import type { Action, Machine } from './types.ts';
import { SENDABLE_SIGNALS } from './state.ts';
import { policyOf } from './policy/registry.ts';
import { programOf } from './program.ts';
import { get, size } from './table.ts';

/** Longest 'run' action accepted. */
export const MAX_RUN = 10_000_000;

type FieldRule = { is: 'nat' | 'pos' | 'int' | 'name' | 'signal' | 'ints'; optional?: true };

/**
 * Every action type and the rule for each of its fields. The type is derived from `Action`, so
 * adding an action type or a field without a rule here fails to type-check.
 */
type ActionSpec = {
  [K in Action['type']]: {
    [F in Exclude<keyof Extract<Action, { type: K }>, 'type'>]-?: FieldRule;
  };
};

const ACTION_SPEC: ActionSpec = {
  tick: {},
  run: { ticks: { is: 'pos' } },
  dispatch: { cpu: { is: 'nat' }, tid: { is: 'nat' } },
  kill: { pid: { is: 'int' }, signal: { is: 'signal' } },
  spawn: {
    program: { is: 'name' },
    parent: { is: 'int', optional: true },
    args: { is: 'ints', optional: true },
    prio: { is: 'int', optional: true },
  },
  connect: {},
};

function checkField(rule: FieldRule, v: unknown): string | null {
  switch (rule.is) {
    case 'nat':
      return Number.isSafeInteger(v) && (v as number) >= 0 ? null : 'must be a whole number >= 0';
    case 'pos':
      return Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_RUN
        ? null
        : `must be a whole number from 1 to ${MAX_RUN}`;
    case 'int':
      return Number.isSafeInteger(v) ? null : 'must be a whole number';
    case 'name':
      return typeof v === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(v)
        ? null
        : 'must be a program name';
    case 'signal':
      return typeof v === 'string' && (SENDABLE_SIGNALS as readonly string[]).includes(v)
        ? null
        : 'must be a signal name';
    case 'ints':
      return Array.isArray(v) && v.length <= 16 && v.every((x) => Number.isSafeInteger(x))
        ? null
        : 'must be a short list of whole numbers';
  }
}

/**
 * Why `a` (untrusted: any parsed JSON value) is not an `Action`, or null when it is one: a known
 * type, exactly its fields, each of the right kind (a signal the reader may send, a run of at most
 * MAX_RUN ticks). Says nothing about a particular machine (see checkAction). Precondition: none.
 * Never fails: the failure result is the reason, a short phrase such as `kill.pid must be a whole
 * number`.
 */
export function checkActionShape(a: unknown): string | null {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return 'it is not an action';
  const o = a as Record<string, unknown>;
  if (typeof o.type !== 'string' || !Object.hasOwn(ACTION_SPEC, o.type)) {
    return `unknown action "${String(o.type).slice(0, 20)}"`;
  }
  const spec = ACTION_SPEC[o.type as Action['type']] as Record<string, FieldRule>;
  for (const k of Object.keys(o)) {
    if (k !== 'type' && !Object.hasOwn(spec, k))
      return `${o.type} has no field "${k.slice(0, 20)}"`;
  }
  for (const [k, rule] of Object.entries(spec)) {
    if (!Object.hasOwn(o, k)) {
      if (rule.optional) continue;
      return `${o.type} needs "${k}"`;
    }
    const why = checkField(rule, o[k]);
    if (why !== null) return `${o.type}.${k} ${why}`;
  }
  return null;
}

/**
 * Why `a` cannot be applied to `m` (no such CPU, task, process or program; a dispatch under a
 * policy that dispatches on its own; a full process table), or null when step() may apply it.
 * An action of the wrong shape is refused too (checkActionShape's reason in a sentence).
 * Precondition: none. Never fails: the failure result is one sentence saying what is wrong.
 */
export function checkAction(m: Machine, a: Action): string | null {
  if (!a || typeof a !== 'object') return 'An action must be an object.';
  switch (a.type) {
    case 'tick':
    case 'connect':
      break;
    case 'run':
      if (!(Number.isInteger(a.ticks) && a.ticks >= 1 && a.ticks <= MAX_RUN))
        return `A run needs a whole number of ticks from 1 to ${MAX_RUN}; got ${String(a.ticks)}.`;
      break;
    case 'dispatch': {
      if (policyOf(m).automatic)
        return 'Only the manual scheduler lets you choose which task runs.';
      if (!Number.isInteger(a.cpu) || !m.cpus[a.cpu]) return `There is no CPU ${a.cpu}.`;
      const t = get(m.tasks, a.tid);
      if (!t) return `There is no task ${a.tid}.`;
      if (t.state !== 'RUNNABLE')
        return `Task ${a.tid} is ${t.state}, not RUNNABLE, so it cannot be dispatched.`;
      break;
    }
    case 'kill': {
      const p = get(m.procs, a.pid);
      if (!p) return `There is no process with PID ${a.pid}.`;
      if (p.state !== 'ALIVE') return `PID ${a.pid} is a zombie; a signal cannot reach it.`;
      if (!(SENDABLE_SIGNALS as readonly string[]).includes(a.signal))
        return `Unknown signal ${String(a.signal)}.`;
      break;
    }
    case 'spawn': {
      if (!programOf(m, a.program)) return `There is no program called ${String(a.program)}.`;
      if (a.parent !== undefined) {
        const p = get(m.procs, a.parent);
        if (!p || p.state !== 'ALIVE') return `PID ${a.parent} is not a live process.`;
      }
      if (size(m.procs) >= m.config.maxProcs) return 'The process table is full.';
      break;
    }
    default:
      return `Unknown action ${JSON.stringify((a as { type?: unknown }).type)}.`;
  }
  const why = checkActionShape(a);
  return why === null ? null : `That is not a well-formed action: ${why}.`;
}

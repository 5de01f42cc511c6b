// Wait status, as Linux encodes the int that wait(2) stores through its pointer: a process that
// calls exit(n) leaves (n & 0xff) << 8, and one killed by signal N leaves N (the model has no core
// dumps, so bit 0x80 is never set). The macros of <sys/wait.h> take it apart; a shell's $? of
// 128 + N for a killed command is the shell's own convention, not a status the kernel reports.
import type { Signal } from './types.ts';
import { SIGNALS } from './state.ts';

/** The wait status of exit(code): its low 8 bits, shifted left 8. Precondition: none. Never fails. */
export function exitStatus(code: number): number {
  return (code & 0xff) << 8;
}

/** The wait status of a death by signal `sig`: the signal's number. Precondition: none. Never fails. */
export function signalStatus(sig: Signal): number {
  return SIGNALS[sig];
}

/** WIFEXITED: the child ended by exit (the low 7 bits are 0). Precondition: none. Never fails. */
export function wIfExited(status: number): boolean {
  return (status & 0x7f) === 0;
}

/** WEXITSTATUS: the exit code; meaningful only when wIfExited. Precondition: none. Never fails. */
export function wExitStatus(status: number): number {
  return (status >> 8) & 0xff;
}

/** WTERMSIG: the number of the signal that killed the child (0 when it exited). Never fails. Precondition: none. */
export function wTermSig(status: number): number {
  return status & 0x7f;
}

/** The signal's name for number `n`, or '' when the model does not know it. Precondition: none. Never fails. */
export function signalName(n: number): Signal | '' {
  for (const [name, num] of Object.entries(SIGNALS)) if (num === n) return name as Signal;
  return '';
}

/**
 * How a child ended, in the words explain() uses: "exited with status 7" or "was killed by signal
 * 9 (SIGKILL)". Precondition: `status` is a wait status. Never fails.
 */
export function describeStatus(status: number): string {
  if (wIfExited(status)) return `exited with status ${wExitStatus(status)}`;
  const n = wTermSig(status);
  const name = signalName(n);
  return `was killed by signal ${n}${name ? ` (${name})` : ''}`;
}

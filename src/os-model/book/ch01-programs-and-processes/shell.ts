// The /proc shell: a few commands a reader types, answered from a model machine's /proc files
// (inspect/procfiles.ts). It reads the machine; `tick` is the one command that asks the model
// to step, and the island applies it. Output is lines of parts, each part optionally tied to a
// field whose meaning the island shows on focus.
import type { Machine } from '../../kernel/types.ts';
import { get } from '../../kernel/table.ts';
import { psText } from '../../inspect/procfs.ts';
import {
  fdLinks,
  fdListText,
  mapsFile,
  STAT_FIELDS as STAT_FIELD_ORDER,
  procPids,
  statFields,
  statusLines,
  type Switches,
} from '../../inspect/procfiles.ts';
import { STAT_FIELD_MEANING, STATUS_MEANING } from '../../inspect/procfields.ts';

/** A piece of an output line; `field` names what it shows, and `meaning` says what that is. */
export type Part = { text: string; field?: string; meaning?: string };
export type OutLine = Part[];

export type ShellResult =
  | { kind: 'output'; lines: OutLine[] }
  | { kind: 'error'; message: string }
  | { kind: 'tick'; ticks: number }
  | { kind: 'clear' };

/** The files of /proc/PID the shell can show (a real one has about fifty). */
export const PID_FILES = ['fd', 'maps', 'stat', 'status'] as const;

export const HELP: readonly string[] = [
  'Commands (the model’s /proc, in Linux’s formats):',
  '  ls /proc                  the PIDs, one directory each',
  '  ls /proc/PID              the files this shell can show for PID',
  '  cat /proc/PID/status      state, parent, memory, threads, context switches',
  '  cat /proc/PID/stat        the same facts as one line of numbered fields',
  '  cat /proc/PID/maps        the address space, one line per area',
  '  ls -l /proc/PID/fd        open file descriptors and what they point to',
  '  ps                        every process, as ps -eo pid,ppid,stat,comm prints it',
  '  tick [N]                  let the machine run N ticks (default 1, at most 50)',
  '  clear                     clear the screen',
  'Tab moves through the output; each field says what it means when it has focus.',
];

const plain = (text: string): OutLine => [{ text }];
const textLines = (s: string): OutLine[] =>
  s
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => plain(l));

/** The PID in `/proc/<pid>...`, or null when the path does not start that way. */
function pidIn(path: string): { pid: number; rest: string } | null {
  const m = /^\/proc\/(\d{1,7})(\/.*)?$/.exec(path.replace(/\/+$/, '') || '/');
  return m ? { pid: Number(m[1]), rest: m[2] ?? '' } : null;
}

/**
 * Runs one command line against machine `m` (with the switches counted so far, for status).
 * Precondition: none. Never fails: a bad command or a missing file gives an error result worded as
 * the real tool words it ("cat: /proc/9/status: No such file or directory").
 */
export function runShell(m: Machine, input: unknown, sw: Switches = {}): ShellResult {
  if (typeof input !== 'string')
    return { kind: 'error', message: 'Type a command, such as ls /proc.' };
  const line = input.trim();
  if (line.length > 200)
    return { kind: 'error', message: 'That line is too long: at most 200 characters.' };
  if (line === '') return { kind: 'output', lines: [] };
  const words = line.split(/\s+/);
  const [cmd, ...args] = words;
  switch (cmd) {
    case 'help':
      return { kind: 'output', lines: HELP.map((h) => plain(h)) };
    case 'clear':
      return { kind: 'clear' };
    case 'ps':
      return { kind: 'output', lines: textLines(psText(m)) };
    case 'tick': {
      if (args.length === 0) return { kind: 'tick', ticks: 1 };
      const n = Number(args[0]);
      if (args.length > 1 || !/^\d+$/.test(args[0]) || n < 1 || n > 50)
        return {
          kind: 'error',
          message: `tick: “${args.join(' ')}” is not a number of ticks from 1 to 50`,
        };
      return { kind: 'tick', ticks: n };
    }
    case 'cat': {
      if (args.length !== 1)
        return { kind: 'error', message: 'cat: give one file, such as /proc/1/status' };
      return cat(m, args[0], sw);
    }
    case 'ls': {
      const long = args[0] === '-l';
      const paths = long ? args.slice(1) : args;
      if (paths.length !== 1 || paths[0].startsWith('-'))
        return {
          kind: 'error',
          message: 'ls: give one directory, such as /proc or /proc/1/fd (ls -l for details)',
        };
      return ls(m, paths[0], long);
    }
    default:
      return { kind: 'error', message: `${cmd.slice(0, 40)}: command not found (type help)` };
  }
}

function cat(m: Machine, path: string, sw: Switches): ShellResult {
  const missing: ShellResult = {
    kind: 'error',
    message: `cat: ${path}: No such file or directory`,
  };
  const at = pidIn(path);
  if (!at || !get(m.procs, at.pid)) return missing;
  switch (at.rest) {
    case '/status': {
      const lines = statusLines(m, at.pid, sw);
      if (!lines) return missing;
      return {
        kind: 'output',
        lines: lines.map((l) => [
          { text: `${l.key}:`, field: l.key, meaning: STATUS_MEANING[l.key] },
          { text: `\t${l.value}` },
        ]),
      };
    }
    case '/stat': {
      const s = statFields(m, at.pid);
      if (!s) return missing;
      const parts: Part[] = [];
      s.fields.forEach((v, i) => {
        const name = STAT_FIELD_ORDER[i];
        const known = s.known.has(name);
        const meaning =
          (Object.hasOwn(STAT_FIELD_MEANING, name)
            ? STAT_FIELD_MEANING[name]
            : `(${i + 1}) ${name}`) +
          (known ? '' : ' The model keeps no such thing, so it shows 0.');
        if (i > 0) parts.push({ text: ' ' });
        parts.push({ text: v, field: name, meaning });
      });
      return { kind: 'output', lines: [parts] };
    }
    case '/maps': {
      const t = mapsFile(m, at.pid);
      return t === null ? missing : { kind: 'output', lines: t === '' ? [] : textLines(t) };
    }
    case '/fd':
    case '':
      return { kind: 'error', message: `cat: ${path}: Is a directory` };
    default:
      return missing;
  }
}

function ls(m: Machine, path: string, long: boolean): ShellResult {
  const missing: ShellResult = {
    kind: 'error',
    message: `ls: cannot access '${path}': No such file or directory`,
  };
  if (path.replace(/\/+$/, '') === '/proc')
    return { kind: 'output', lines: [plain(procPids(m).join('  '))] };
  const at = pidIn(path);
  if (!at || !get(m.procs, at.pid)) return missing;
  if (at.rest === '') return { kind: 'output', lines: [plain(PID_FILES.join('  '))] };
  if (at.rest === '/fd') {
    const t = fdListText(m, at.pid);
    const links = fdLinks(m, at.pid);
    if (t === null || links === null) return missing;
    if (long) return { kind: 'output', lines: textLines(t) };
    return { kind: 'output', lines: [plain(links.map((l) => l.fd).join('  '))] };
  }
  if ((PID_FILES as readonly string[]).includes(at.rest.slice(1)))
    return { kind: 'output', lines: [plain(path)] };
  return missing;
}

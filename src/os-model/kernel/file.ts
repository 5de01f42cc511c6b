// File descriptors: per-process fd tables pointing at shared open-file entries (offset +
// refcount), so a parent and child writing after fork share one offset. open/close/dup2,
// close-on-exec, a console device and a tiny in-memory file system.
import type { Fd, KEvent, Machine, OpenFile, Proc, Task } from './types.ts';
import { pipeRead, pipeWrite, pipeEndClosed } from './pipe.ts';
import { get } from './table.ts';
import { erase, insert, own, writable } from './own.ts';

/** Size of every fd table. */
export const NOFILE = 16;

/**
 * Lowest free descriptor of `p`, or -1 when the table is full. Precondition: none. Failure: -1 when
 * all NOFILE descriptors are in use.
 */
export function allocFd(p: Proc): number {
  for (let i = 0; i < NOFILE; i++) if (!p.fds[i]) return i;
  return -1;
}

/**
 * Installs open file `f` at descriptor `fd`, padding the table with nulls. Precondition: `p` is
 * writable (own.ts), fd is free and the caller already holds a reference to `f`. Never fails.
 */
export function installFd(m: Machine, p: Proc, fd: number, f: number, cloexec: boolean): void {
  const fds = own(m, p, 'fds');
  while (fds.length <= fd) fds.push(null);
  fds[fd] = { f, cloexec };
}

/**
 * The open file behind descriptor `fd` of `p`, or undefined. Precondition: none. Failure: undefined
 * when `fd` is not an open descriptor.
 */
export function fileOf(m: Machine, p: Proc, fd: number): OpenFile | undefined {
  const e = Number.isInteger(fd) && fd >= 0 ? p.fds[fd] : null;
  return e ? get(m.files, e.f) : undefined;
}

/**
 * Allocates a new open-file entry with refcount 1. Never fails. Precondition: none.
 */
export function newFile(m: Machine, kind: OpenFile['kind'], path: string, pipe = -1): OpenFile {
  const id = m.nextFile++;
  const f: OpenFile = { id, kind, path, off: 0, refs: 1, pipe };
  insert(m, 'files', id, f);
  return f;
}

/**
 * fork's copy of an fd table: the same open files, each refcount + 1. Never fails. Precondition:
 * every entry points at an existing open file.
 */
export function fdsDup(m: Machine, fds: (Fd | null)[]): (Fd | null)[] {
  for (const e of fds) if (e) writable(m, 'files', e.f).refs++;
  return fds.slice();
}

/**
 * Drops one reference to open file `id`; the last one frees it (and closes a pipe end).
 * Precondition: open file `id` exists with refs >= 1. Never fails.
 */
export function fileDecref(m: Machine, ev: KEvent[], id: number): void {
  const f = writable(m, 'files', id);
  if (--f.refs > 0) return;
  erase(m, 'files', id);
  if (f.pipe >= 0) pipeEndClosed(m, ev, f);
}

/**
 * open(): opens `path` ('/dev/console' or a file, created empty if missing) at offset 0 on the
 * lowest free fd. Failure: -1 when the fd table is full. Precondition: `p` is writable (own.ts).
 */
export function open(m: Machine, ev: KEvent[], p: Proc, path: string, cloexec: boolean): number {
  const fd = allocFd(p);
  if (fd < 0) return -1;
  const console = path === '/dev/console';
  if (!console && !Object.hasOwn(m.fs, path)) own(m, m, 'fs')[path] = '';
  const f = newFile(m, console ? 'console' : 'file', path);
  installFd(m, p, fd, f.id, cloexec);
  ev.push({ type: 'open', t: m.clock, pid: p.pid, fd, path });
  return fd;
}

/**
 * close(): frees descriptor `fd`. Failure: -1 when fd is not open. Precondition: `p` is writable
 * (own.ts).
 */
export function close(m: Machine, ev: KEvent[], p: Proc, fd: number): number {
  const e = Number.isInteger(fd) && fd >= 0 ? p.fds[fd] : null;
  if (!e) return -1;
  own(m, p, 'fds')[fd] = null;
  ev.push({ type: 'close', t: m.clock, pid: p.pid, fd });
  fileDecref(m, ev, e.f);
  return 0;
}

/**
 * dup2(): makes `to` refer to the same open file as `from` (closing `to` first; cloexec clear).
 * Returns `to`. Failure: -1 when `from` is not open or `to` is out of range. Precondition: `p` is
 * writable (own.ts).
 */
export function dup2(m: Machine, ev: KEvent[], p: Proc, from: number, to: number): number {
  const e = Number.isInteger(from) && from >= 0 ? p.fds[from] : null;
  if (!e || !Number.isInteger(to) || to < 0 || to >= NOFILE) return -1;
  if (from === to) return to;
  if (p.fds[to]) close(m, ev, p, to);
  writable(m, 'files', e.f).refs++;
  installFd(m, p, to, e.f, false);
  ev.push({ type: 'dup2', t: m.clock, pid: p.pid, from, to });
  return to;
}

/**
 * Closes every descriptor of `p` (exit) without one event per fd: the exit event says it.
 * Pipe ends that lose their last reference still wake the other side. Never fails. Precondition:
 * `p` is writable (own.ts).
 */
export function closeAll(m: Machine, p: Proc): void {
  const quiet: KEvent[] = [];
  for (const e of p.fds) if (e) fileDecref(m, quiet, e.f);
  p.fds = [];
}

/**
 * Closes the close-on-exec descriptors of `p` (exec commit). Never fails. Precondition: `p` is
 * writable (own.ts).
 */
export function closeOnExec(m: Machine, ev: KEvent[], p: Proc): void {
  p.fds.forEach((e, fd) => {
    if (e && e.cloexec) close(m, ev, p, fd);
  });
}

/**
 * write(): the console collects the text per process; a file is written at the shared offset,
 * which advances; a pipe may block. Returns the byte count, 'block', or -1 (bad fd, or a pipe
 * with no reader). Precondition: `task` is RUNNING. Failure: -1 as above.
 */
export function write(
  m: Machine,
  ev: KEvent[],
  task: Task,
  fd: number,
  text: string,
): number | 'block' {
  const p = get(m.procs, task.pid)!;
  const file = fileOf(m, p, fd);
  if (!file || file.kind === 'pipe-r') return -1;
  if (file.kind === 'pipe-w') return pipeWrite(m, ev, task, fd, file.pipe, text);
  if (file.kind === 'console') {
    own(m, m, 'console').push({ t: m.clock, pid: p.pid, text });
    ev.push({ type: 'write', t: m.clock, pid: p.pid, fd, text, to: 'console' });
    return text.length;
  }
  const f = writable(m, 'files', file.id);
  const old = m.fs[f.path] ?? '';
  own(m, m, 'fs')[f.path] =
    old.slice(0, f.off).padEnd(f.off, '\0') + text + old.slice(f.off + text.length);
  f.off += text.length;
  ev.push({ type: 'write', t: m.clock, pid: p.pid, fd, text, to: 'file' });
  return text.length;
}

/**
 * read(): up to `n` bytes from the shared offset of a file (the console reads as end of file),
 * or from a pipe, which may block. Returns the text read (possibly '' at end of file), 'block',
 * or null for a bad fd. Precondition: `task` is RUNNING. Failure: null as above.
 */
export function read(
  m: Machine,
  ev: KEvent[],
  task: Task,
  fd: number,
  n: number,
): string | 'block' | null {
  const p = get(m.procs, task.pid)!;
  const file = fileOf(m, p, fd);
  if (!file || file.kind === 'pipe-w') return null;
  if (file.kind === 'pipe-r') return pipeRead(m, ev, task, fd, file.pipe, n);
  let text: string;
  if (file.kind === 'console') text = '';
  else {
    const f = writable(m, 'files', file.id);
    text = (m.fs[f.path] ?? '').slice(f.off, f.off + n);
    f.off += text.length;
  }
  ev.push({ type: 'read', t: m.clock, pid: p.pid, fd, text });
  return text;
}

// Pipes: a bounded buffer between a read end and a write end. Readers block on an empty pipe
// while a writer exists; writers block on a full pipe while a reader exists.
import type { KEvent, Machine, OpenFile, Pipe, Proc, Task } from './types.ts';
import { NOFILE, installFd, newFile } from './file.ts';
import { sleep, wakeup } from './proc.ts';
import { get } from './table.ts';
import { erase, insert, writable } from './own.ts';

/**
 * pipe(): a new pipe of capacity config.pipeCap with a read end and a write end on the two
 * lowest free fds. Returns [readFd, writeFd]. Failure: null when fewer than two fds are free.
 * Precondition: `p` is writable (own.ts).
 */
export function pipeCreate(m: Machine, ev: KEvent[], p: Proc): [number, number] | null {
  const free: number[] = [];
  for (let i = 0; i < NOFILE && free.length < 2; i++) if (!p.fds[i]) free.push(i);
  if (free.length < 2) return null;
  const [rfd, wfd] = free;
  const id = m.nextFile++;
  const r = newFile(m, 'pipe-r', `pipe:${id}`, id);
  const w = newFile(m, 'pipe-w', `pipe:${id}`, id);
  insert(m, 'pipes', id, { id, buf: '', cap: m.config.pipeCap, rf: r.id, wf: w.id });
  installFd(m, p, rfd, r.id, false);
  installFd(m, p, wfd, w.id, false);
  ev.push({ type: 'pipe', t: m.clock, pid: p.pid, rfd, wfd });
  return [rfd, wfd];
}

/**
 * Reads up to n bytes from pipe `id`. Returns the text, '' at end of file (no writer left), or
 * 'block' after putting the caller to sleep on an empty pipe. Precondition: caller RUNNING and
 * writable (own.ts), pipe `id` exists. Never fails.
 */
export function pipeRead(
  m: Machine,
  ev: KEvent[],
  task: Task,
  fd: number,
  id: number,
  n: number,
): string | 'block' {
  let pipe: Pipe = get(m.pipes, id)!;
  if (pipe.buf.length === 0) {
    if (pipe.wf < 0) {
      ev.push({ type: 'read', t: m.clock, pid: task.pid, fd, text: '' });
      return '';
    }
    sleep(m, ev, task, `pr:${pipe.id}`, 'pipe-read');
    return 'block';
  }
  const text = pipe.buf.slice(0, n);
  pipe = writable(m, 'pipes', id);
  pipe.buf = pipe.buf.slice(text.length);
  ev.push({ type: 'read', t: m.clock, pid: task.pid, fd, text });
  wakeup(m, ev, `pw:${pipe.id}`);
  return text;
}

/**
 * Writes `text`: all of it when it fits (a write no larger than the capacity is atomic), else
 * blocks; a write larger than the capacity writes what fits. Returns the count, 'block', or -1
 * when no reader is left (EPIPE). Precondition: caller RUNNING and writable (own.ts), pipe `id`
 * exists. Failure: -1 as above.
 */
export function pipeWrite(
  m: Machine,
  ev: KEvent[],
  task: Task,
  fd: number,
  id: number,
  text: string,
): number | 'block' {
  let pipe: Pipe = get(m.pipes, id)!;
  if (pipe.rf < 0) return -1;
  const space = pipe.cap - pipe.buf.length;
  const fits = text.length <= space || (text.length > pipe.cap && space > 0);
  if (!fits) {
    sleep(m, ev, task, `pw:${pipe.id}`, 'pipe-write');
    return 'block';
  }
  const part = text.slice(0, space);
  pipe = writable(m, 'pipes', id);
  pipe.buf += part;
  ev.push({ type: 'write', t: m.clock, pid: task.pid, fd, text: part, to: 'pipe' });
  wakeup(m, ev, `pr:${pipe.id}`);
  return part.length;
}

/**
 * An end of a pipe lost its last reference: wake the other side; free the pipe when both go.
 * Precondition: `f` was a pipe end whose refcount just reached 0. Never fails.
 */
export function pipeEndClosed(m: Machine, ev: KEvent[], f: OpenFile): void {
  if (!get(m.pipes, f.pipe)) return;
  const pipe = writable(m, 'pipes', f.pipe);
  if (f.kind === 'pipe-r') pipe.rf = -1;
  else pipe.wf = -1;
  wakeup(m, ev, f.kind === 'pipe-r' ? `pw:${pipe.id}` : `pr:${pipe.id}`);
  if (pipe.rf < 0 && pipe.wf < 0) erase(m, 'pipes', pipe.id);
}

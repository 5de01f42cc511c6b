// The file-descriptor view's rows: each process's fd table (fd -> open-file entry) and the
// system-wide open-file entries those fds point to, with offsets, reference counts and who shares
// them. Reads the machine only; sharing is whatever the model's fork/dup2 left behind.
import type { KEvent, Machine, OpenFile } from '../../src/os-model/index.ts';
import { get, values } from '../../src/os-model/index.ts';

/** What happened to an fd in this step, from the step's events. */
export type FdChange = 'opened' | 'closed' | 'duplicated' | 'read' | 'written' | 'created';

export type FdRow = { fd: number; file: number; cloexec: boolean; change: FdChange | null };

export type ProcFds = {
  pid: number;
  name: string;
  status: 'ok' | 'zombie' | 'gone';
  fds: FdRow[];
  /** fds closed in this step (no longer in the table). */
  closed: number[];
};

export type Holder = { pid: number; fd: number };

export type FileRow = {
  id: number;
  kind: OpenFile['kind'];
  /** Plain words for the kind: "console", "file", "pipe read end", "pipe write end". */
  kindLabel: string;
  /** The path, or "pipe 2" for a pipe end. */
  name: string;
  off: number;
  refs: number;
  /** Every fd, in every process, that points at this entry. */
  holders: Holder[];
  /** Held by more than one process. */
  shared: boolean;
  /** Bytes waiting in the pipe (pipe ends only), and the pipe's capacity. */
  pipe: { buf: string; cap: number } | null;
  /** The offset moved or the entry was created in this step. */
  changed: boolean;
};

export type FdTableData = { procs: ProcFds[]; files: FileRow[] };

const KIND_LABEL: Record<OpenFile['kind'], string> = {
  console: 'console',
  file: 'file',
  'pipe-r': 'pipe read end',
  'pipe-w': 'pipe write end',
};

function changes(events: KEvent[], pid: number): Map<number, FdChange> {
  const out = new Map<number, FdChange>();
  for (const e of events) {
    if (!('pid' in e) || e.pid !== pid) continue;
    if (e.type === 'open') out.set(e.fd, 'opened');
    else if (e.type === 'close') out.set(e.fd, 'closed');
    else if (e.type === 'dup2') out.set(e.to, 'duplicated');
    else if (e.type === 'pipe') {
      out.set(e.rfd, 'created');
      out.set(e.wfd, 'created');
    } else if (e.type === 'read') out.set(e.fd, 'read');
    else if (e.type === 'write') out.set(e.fd, 'written');
  }
  return out;
}

/**
 * The holders grouped by process, one string per process: "PID 2 fd 0, 1, 2". Never fails.
 * Precondition: none.
 */
export function holderGroups(h: Holder[]): string[] {
  const by = new Map<number, number[]>();
  for (const x of h) by.set(x.pid, [...(by.get(x.pid) ?? []), x.fd]);
  return [...by].map(([pid, fds]) => `PID ${pid} fd ${fds.join(', ')}`);
}

/** A short text for a list of holders: "PID 2 fd 3 and PID 3 fd 3". Never fails. */
export function holdersText(h: Holder[]): string {
  const parts = holderGroups(h);
  return parts.length <= 1
    ? parts.join('')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The fd tables of `pids` and the open-file entries they use, marking this step's changes.
 * Precondition: none. Never fails (zombies have no fds; unknown pids are reported as gone).
 */
export function fdTableOf(m: Machine, events: KEvent[], pids: number[]): FdTableData {
  const holders = new Map<number, Holder[]>();
  for (const p of values(m.procs)) {
    p.fds.forEach((fd, i) => {
      if (!fd) return;
      const list = holders.get(fd.f) ?? [];
      list.push({ pid: p.pid, fd: i });
      holders.set(fd.f, list);
    });
  }
  const touched = new Set<number>();
  const procs = pids.map((pid): ProcFds => {
    const p = get(m.procs, pid);
    const ch = changes(events, pid);
    const closed = [...ch].filter(([, c]) => c === 'closed').map(([fd]) => fd);
    if (!p) return { pid, name: '', status: 'gone', fds: [], closed };
    const fds: FdRow[] = [];
    p.fds.forEach((fd, i) => {
      if (!fd) return;
      const change = ch.get(i) ?? null;
      if (change && change !== 'closed') touched.add(fd.f);
      fds.push({
        fd: i,
        file: fd.f,
        cloexec: fd.cloexec,
        change: change === 'closed' ? null : change,
      });
    });
    return { pid, name: p.name, status: p.state === 'ZOMBIE' ? 'zombie' : 'ok', fds, closed };
  });
  const ids = [...new Set(procs.flatMap((p) => p.fds.map((f) => f.file)))].sort((a, b) => a - b);
  const files = ids
    .filter((id) => get(m.files, id))
    .map((id): FileRow => {
      const f = get(m.files, id)!;
      const h = holders.get(id) ?? [];
      const pipe = f.pipe >= 0 ? get(m.pipes, f.pipe) : undefined;
      return {
        id,
        kind: f.kind,
        kindLabel: KIND_LABEL[f.kind],
        name: f.pipe >= 0 ? `pipe ${f.pipe}` : f.path,
        off: f.off,
        refs: f.refs,
        holders: h,
        shared: new Set(h.map((x) => x.pid)).size > 1,
        pipe: pipe ? { buf: pipe.buf, cap: pipe.cap } : null,
        changed: touched.has(id),
      };
    });
  return { procs, files };
}

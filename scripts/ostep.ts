/**
 * `npm run --silent ostep -- <process-run|fork|scheduler> <the simulator's own flags>`
 *
 * Runs one of OSTEP's homework simulators on the book's OS model and prints exactly what the
 * Python original prints (stdout and stderr byte for byte, the same exit code); see
 * ../shared/ostep-spec.md and src/os-model/ostep/. Output is written as it is computed, in
 * batches of about a megabyte, waiting whenever stdout's buffer is full, so a trace of any size
 * Python can print is printed. Each simulator is loaded only when asked for, so a command loads
 * only the modules it uses and one simulator's module cannot break the others.
 */

import type { OstepOutput } from '../src/os-model/ostep/output.ts';

type Main = (argv: string[]) => OstepOutput;

const SIMULATORS: Record<string, () => Promise<Main>> = {
  'process-run': async () =>
    (await import('../src/os-model/ostep/process-run-text.ts')).processRunMain,
  fork: async () => (await import('../src/os-model/ostep/fork-text.ts')).forkMain,
  scheduler: async () => (await import('../src/os-model/ostep/scheduler-text.ts')).schedulerMain,
  mlfq: async () => (await import('../src/os-model/ostep/mlfq-text.ts')).mlfqMain,
  lottery: async () => (await import('../src/os-model/ostep/lottery-text.ts')).lotteryMain,
  multi: async () => (await import('../src/os-model/ostep/multi-text.ts')).multiMain,
};

const USAGE = 'usage: npm run --silent ostep -- <process-run|fork|scheduler> [simulator flags]\n';

/** Characters gathered before one write to stdout. */
const BATCH = 1 << 20;

/** Writes `text` to `stream`, and waits for 'drain' when the stream asks the writer to. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> | null {
  if (stream.write(text)) return null;
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

async function main(argv: string[]): Promise<number> {
  const [name = '', ...flags] = argv;
  const load = SIMULATORS[name.replace(/\.py$/, '')];
  if (!load) {
    process.stderr.write(name === '' ? USAGE : `ostep: unknown simulator '${name}'\n${USAGE}`);
    return 2;
  }
  const out = (await load())(flags);
  let batch: string[] = [];
  let size = 0;
  for (const chunk of out.stdout) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= BATCH) {
      const waiting = write(process.stdout, batch.join(''));
      batch = [];
      size = 0;
      if (waiting) await waiting;
    }
  }
  if (size > 0) await write(process.stdout, batch.join(''));
  if (out.stderr !== '') await write(process.stderr, out.stderr);
  return out.code;
}

// Set the exit code and let Node exit on its own, so piped output is flushed first. A reader
// that closes the pipe early (`| head`) ends the run quietly, as it would end Python's.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `ostep: internal error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);

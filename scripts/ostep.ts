/**
 * `npm run --silent ostep -- <process-run|fork|scheduler> <the simulator's own flags>`
 *
 * Runs one of OSTEP's homework simulators on the book's OS model and prints exactly what the
 * Python original prints (stdout and stderr byte for byte, the same exit code); see
 * ../shared/ostep-spec.md and src/os-model/ostep/. Each simulator is loaded only when asked
 * for, so one simulator's module cannot break the others.
 */

type Main = (argv: string[]) => { stdout: string; stderr: string; code: number };

const SIMULATORS: Record<string, () => Promise<Main>> = {
  'process-run': async () => (await import('../src/os-model/ostep/process-run.ts')).processRunMain,
  fork: async () => (await import('../src/os-model/ostep/fork.ts')).forkMain,
  scheduler: async () => (await import('../src/os-model/ostep/scheduler.ts')).schedulerMain,
};

const USAGE = 'usage: npm run --silent ostep -- <process-run|fork|scheduler> [simulator flags]\n';

async function main(argv: string[]): Promise<number> {
  const [name = '', ...flags] = argv;
  const load = SIMULATORS[name.replace(/\.py$/, '')];
  if (!load) {
    process.stderr.write(name === '' ? USAGE : `ostep: unknown simulator '${name}'\n${USAGE}`);
    return 2;
  }
  const result = (await load())(flags);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}

// Set the exit code and let Node exit on its own, so piped output is flushed first.
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

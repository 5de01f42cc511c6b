/**
 * What a simulator's command line produces, shared by the three OSTEP ports' formatters
 * (`*-text.ts`), the `npm run ostep` command (scripts/ostep.ts) and the islands.
 *
 * Standard output is a lazy sequence of text chunks, produced as it is read: the command line
 * writes each batch of chunks before the next is computed, so an output of any size (66 MB for
 * 300 processes of process-run) never exists as one string; an island or a test that wants the
 * whole text collects it with {@link collect}.
 */

export type OstepOutput = {
  /** stdout, in order; each chunk is computed only when the previous one has been consumed */
  stdout: Iterable<string>;
  /** stderr, written after stdout ('' when the original prints nothing there) */
  stderr: string;
  /** the exit code the original exits with */
  code: number;
};

/** A whole output as strings. Never fails (the chunks of the three ports never throw). */
export function collect(out: OstepOutput): { stdout: string; stderr: string; code: number } {
  const parts: string[] = [];
  for (const chunk of out.stdout) parts.push(chunk);
  return { stdout: parts.join(''), stderr: out.stderr, code: out.code };
}

/** An output whose stdout is known in full: a message, a listing, optparse's help. */
export function textOutput(stdout: string, stderr = '', code = 0): OstepOutput {
  return { stdout: stdout === '' ? [] : [stdout], stderr, code };
}

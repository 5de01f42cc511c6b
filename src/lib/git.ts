/**
 * The date of the last commit that touched a file, from `git log`, read at build time.
 * Returns undefined when git is missing, the history is missing (shallow clone), or the file
 * has never been committed; callers fall back to the chapter's `lastReviewed` date.
 */
import { execFileSync } from 'node:child_process';

const cache = new Map<string, Date | undefined>();

export function lastCommitDate(file: string, cwd = process.cwd()): Date | undefined {
  if (cache.has(file)) return cache.get(file);
  let date: Date | undefined;
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%cI', '--', file], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (out) {
      const parsed = new Date(out);
      if (!Number.isNaN(parsed.getTime())) date = parsed;
    }
  } catch {
    date = undefined;
  }
  cache.set(file, date);
  return date;
}

/** "2026-11-23" for a <time datetime> attribute (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** "23 November 2026", for readers. */
export function longDate(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

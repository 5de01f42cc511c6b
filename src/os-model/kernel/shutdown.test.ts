// Graceful shutdown: outcomes worked out by hand from signal(7), pid_namespaces(7) and the
// measured gunicorn stop (calibration §11f).
import { describe, expect, it } from 'vitest';
import { gracefulStop, STOP_MANAGERS, stopWorkload } from './shutdown.ts';

const outcomes = (r: ReturnType<typeof gracefulStop>) =>
  Object.fromEntries(r.requests.map((q) => [q.id, q.outcome]));

describe('a stop with a grace period', () => {
  // Requests in flight at 0: 1 ends at 0.5, 2 at 3, 3 at -0.5 + longest, 4 at 0.2; new ones
  // arrive at 1, 4, 8 and 20 s.
  it('drain under docker stop: in-flight requests finish, new ones are refused, exit 0', () => {
    const r = gracefulStop('drain', STOP_MANAGERS.docker, stopWorkload(6));
    expect(r.sigtermAt).toBe(0);
    expect(r.exitAt).toBe(5.5);
    expect(r.how).toBe('exit 0');
    expect(outcomes(r)).toEqual({
      1: 'completed',
      2: 'completed',
      3: 'completed',
      4: 'completed',
      5: 'refused',
      6: 'refused',
      7: 'refused',
      8: 'refused',
    });
  });

  it('a request longer than the grace period is cut off by SIGKILL at 10 s', () => {
    const r = gracefulStop('drain', STOP_MANAGERS.docker, stopWorkload(20));
    expect(r.exitAt).toBe(10);
    expect(r.how).toBe('killed by SIGKILL');
    expect(outcomes(r)[3]).toBe('cut off by SIGKILL');
    expect(outcomes(r)[2]).toBe('completed');
  });

  it('a worker that keeps its listening socket open leaves new connections hanging until exit', () => {
    const r = gracefulStop('drain-open', STOP_MANAGERS.gunicorn, stopWorkload(5));
    expect(r.exitAt).toBe(4.5);
    // request 3 ends at 4.5: requests 5 (1 s) and 6 (4 s) wait in the queue; 7 (8 s) is refused
    expect(outcomes(r)).toMatchObject({
      5: 'queued, then reset',
      6: 'queued, then reset',
      7: 'refused',
      3: 'completed',
    });
  });

  it('no handler: SIGTERM ends the process at once and cuts every request in flight', () => {
    const r = gracefulStop('default', STOP_MANAGERS.systemd, stopWorkload(6));
    expect(r.exitAt).toBe(0);
    expect(r.how).toBe('killed by SIGTERM');
    expect(outcomes(r)).toMatchObject({ 1: 'cut off at exit', 2: 'cut off at exit', 5: 'refused' });
  });

  it('PID 1 without a handler: SIGTERM is dropped, it serves on, SIGKILL at the deadline', () => {
    const r = gracefulStop('pid1-ignore', STOP_MANAGERS.docker, stopWorkload(6));
    expect(r.sigtermDelivered).toBe(false);
    expect(r.exitAt).toBe(10);
    expect(r.how).toBe('killed by SIGKILL');
    expect(outcomes(r)).toMatchObject({
      3: 'completed',
      5: 'completed',
      6: 'completed',
      7: 'completed',
      8: 'refused',
    });
  });

  it('Kubernetes runs preStop first: SIGTERM at 5 s, the deadline still at 30 s', () => {
    const r = gracefulStop('drain', STOP_MANAGERS.kubernetes, stopWorkload(6));
    expect(r.sigtermAt).toBe(5);
    // request 5 (1 s) and 6 (4 s) arrive during preStop and are served; 7 (8 s) is refused
    expect(outcomes(r)).toMatchObject({ 5: 'completed', 6: 'completed', 7: 'refused' });
    expect(r.exitAt).toBe(5.5);
  });
});

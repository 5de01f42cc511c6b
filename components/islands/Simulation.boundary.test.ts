// A view that throws must not take the island (or the page) down: the island's error boundary
// shows an alert with "Start over" in its place, and the player and transcript still render.
// In the browser the boundary catches errors by itself. On the server Svelte only hands an error
// to a boundary when render() is given `transformError` (Astro's renderer gives none, so there a
// view that throws at build time fails the build, loudly); the test passes one to check the
// fallback markup.
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import Simulation from './Simulation.svelte';

vi.mock('../views/Console.svelte', () => ({
  default: () => {
    throw new Error('the console view broke');
  },
}));

describe('Simulation island error boundary', () => {
  it('replaces the views with an alert and keeps the rest', async () => {
    const { body } = await render(Simulation, {
      props: { id: 'boom', scenario: 'fork-basics', views: ['table', 'console'] },
      transformError: (e: unknown) => e,
    });
    expect(body).toMatch(/role="alert"/);
    expect(body).toContain('the console view broke');
    expect(body).toMatch(/<button[^>]*>Start over<\/button>/);
    expect(body).not.toContain('Process table'); // the whole views block is replaced
    expect(body).toContain('Step forward');
    expect(body).toMatch(/<summary[^>]*>Transcript<\/summary>/);
  });
});

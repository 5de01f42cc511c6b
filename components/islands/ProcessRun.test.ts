// The process-run island rendered on the server (the page without JavaScript): the programs and
// the answer of the given flags. The expected lines are the spec's §1.7 worked example
// (../shared/ostep-spec.md), written out by hand.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ProcessRun from './ProcessRun.svelte';

const unescape = (h: string) =>
  h.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('<ProcessRun> server render', () => {
  it('shows the command, the programs and the revealed answer of its flags', () => {
    const html = unescape(render(ProcessRun, { props: { id: 'pr-test', l: '1:0,4:100' } }).body);
    expect(html).toContain('role="region"');
    expect(html).toContain('./process-run.py -l 1:0,4:100');
    expect(html).toContain('Process 0\n  io\n  io_done\n\nProcess 1\n  cpu\n');
    expect(html).toContain('Reveal the answer');
    expect(html).toContain('./process-run.py -l 1:0,4:100 -c -p');
    expect(html).toContain('  7*   RUN:io_done          DONE             1          \n');
    expect(html).toContain('Stats: IO Busy  5 (71.43%)');
    // the controls wait for JavaScript
    expect(html).toMatch(/<fieldset disabled/);
    expect(html).not.toContain('role="alert"');
  });

  it('names a bad -l item in an alert', () => {
    const html = unescape(render(ProcessRun, { props: { id: 'pr-bad', l: '3:50,oops' } }).body);
    expect(html).toContain('role="alert"');
    expect(html).toContain('The process list item "oops" is not of the form X:Y');
    expect(html).toContain('Bad description (oops): Must be number <x:y>');
  });
});

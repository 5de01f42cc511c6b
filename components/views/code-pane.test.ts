import { readFileSync } from 'node:fs';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { lines as LINES, palette as PALETTE } from 'virtual:pss-listings';
import {
  LIBRARY,
  createMachine,
  jobProgram,
  loadScenario,
  makeProgram,
  step,
  keys,
} from '../../src/os-model/index.ts';
import type { KEvent, Machine } from '../../src/os-model/index.ts';
import CodePane from './CodePane.svelte';
import { codeView, highlight, sentenceText } from './code-pane.data.ts';

function scenario(name: string): Machine {
  const r = loadScenario(name);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Snapshots 0..n of a scenario run tick by tick, with the events of each step. */
function run(name: string, n: number): { machine: Machine; events: KEvent[] }[] {
  const out = [{ machine: scenario(name), events: [] as KEvent[] }];
  for (let i = 1; i <= n; i++) out.push(step(out[i - 1].machine, { type: 'tick' }));
  return out;
}

function decode(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

type Rendered = { n: number; at: boolean; ran: boolean; text: string; chips: string[] };

/** Reads the rendered listing back: line number, marks, source text, chips. */
function parse(html: string): Rendered[] {
  const code = html.slice(html.indexOf('<pre'), html.indexOf('</pre>'));
  return code
    .split(/(?=<span class="line[ "])/)
    .slice(1)
    .map((chunk) => {
      const cls = /^<span class="([^"]*)"/.exec(chunk)![1].split(' ');
      const n = Number(/<span class="n[ "][^>]*>(\d+)<\/span>/.exec(chunk)![1]);
      const src = chunk.slice(chunk.indexOf('<span class="src'));
      const end = src.search(/<span class="chip/);
      const text = decode((end < 0 ? src : src.slice(0, end)).replace(/^<span[^>]*>/, ''));
      const chips = [...chunk.matchAll(/<span class="chip[^"]*"[^>]*>([^<]*)<\/span>/g)].map((m) =>
        decode(m[1]),
      );
      return { n, at: cls.includes('at'), ran: cls.includes('ran'), text, chips };
    });
}

function pane(machine: Machine, program: string, events: KEvent[] = []): string {
  return render(CodePane, { props: { machine, program, events } }).body;
}

/** Where the tasks are, as `line: chip, chip` for the lines that have chips. */
function cursors(view: ReturnType<typeof codeView>): Record<number, string[]> {
  if (!view.ok) throw new Error(view.message);
  const out: Record<number, string[]> = {};
  for (const l of view.lines) {
    const chips = [
      ...l.at.map((m) => `${m.label} ${m.word}`),
      ...l.ran.map((m) => `${m.label} ran`),
    ];
    if (chips.length) out[l.n] = chips;
  }
  return out;
}

// fork-basics (src/os-model/book/): init is PID 1, asleep in wait(); the program is PID 2,
// round robin with a 3-tick slice on one CPU. Instructions → lines: print 2, fork 3, br 4,
// exit(1) 5, br 6, print 7, jmp 8, print 9, exit 11.
//   tick 1: PID 2 prints (line 2), next fork (line 3)
//   tick 2: PID 2 forks PID 3 (line 3); both continue at the br of line 4
//   tick 3: PID 2: rc >= 0, jumps to line 6; its 3-tick slice ends, and (as when a task
//           blocks or exits: xv6 yield → sched → scheduler) the CPU takes the next task at
//           once: PID 3, first in the run queue, is running in this snapshot
//   tick 4: PID 3: rc >= 0, to line 6
//   tick 5: PID 3: rc == 0, falls through to line 7
//   tick 6: PID 3 prints (line 7), next the jmp of line 8; its slice ends: PID 2 runs
//   tick 7: PID 2: rc != 0, branches to line 9
//   tick 8: PID 2 prints (line 9), next exit (line 11)
const EXPECTED: Record<number, Record<number, string[]>> = {
  0: { 2: ['PID 2 ready'] },
  1: { 2: ['PID 2 ran'], 3: ['PID 2 running'] },
  2: { 3: ['PID 2 ran'], 4: ['PID 2 running', 'PID 3 ready'] },
  3: { 4: ['PID 3 running', 'PID 2 ran'], 6: ['PID 2 ready'] },
  4: { 4: ['PID 3 ran'], 6: ['PID 2 ready', 'PID 3 running'] },
  5: { 6: ['PID 2 ready', 'PID 3 ran'], 7: ['PID 3 running'] },
  6: { 6: ['PID 2 running'], 7: ['PID 3 ran'], 8: ['PID 3 ready'] },
  7: { 6: ['PID 2 ran'], 8: ['PID 3 ready'], 9: ['PID 2 running'] },
  8: { 8: ['PID 3 ready'], 9: ['PID 2 ran'], 11: ['PID 2 running'] },
};

describe('codeView: cursors on fork-basics', () => {
  const steps = run('fork-basics', 8);
  for (const [i, expected] of Object.entries(EXPECTED)) {
    it(`step ${i}`, () => {
      const s = steps[Number(i)];
      const previous = Number(i) > 0 ? steps[Number(i) - 1].machine : null;
      expect(cursors(codeView(s.machine, 'fork-basics', s.events, previous))).toEqual(expected);
    });
  }

  it('describes each task in words, with the line it is at', () => {
    const s = steps[2];
    const v = codeView(s.machine, 'fork-basics', s.events, steps[1].machine);
    expect(v.ok && v.where.map(sentenceText)).toEqual([
      'PID 3 was just created by fork() in PID 2.',
      'PID 2 is at line 4: if (rc < 0) { (running).',
      'PID 3 is at line 4: if (rc < 0) { (ready).',
      'PID 2 just ran line 3: int rc = fork();',
    ]);
  });

  it('marks nothing as just run unless the previous snapshot is exactly one tick earlier', () => {
    const v = codeView(steps[3].machine, 'fork-basics', steps[3].events, steps[1].machine);
    expect(v.ok && v.lines.flatMap((l) => l.ran)).toEqual([]);
    const same = codeView(steps[3].machine, 'fork-basics', [], steps[3].machine);
    expect(same.ok && same.lines.flatMap((l) => l.ran)).toEqual([]);
  });

  it('reports an exit and the zombie left behind', () => {
    // tick 9: PID 2 runs exit (line 11) and becomes a zombie until init (PID 1) reaps it.
    const s8 = steps[8].machine;
    const s9 = step(s8, { type: 'tick' });
    const v = codeView(s9.machine, 'fork-basics', s9.events, s8);
    if (!v.ok) throw new Error(v.message);
    expect(v.where.map(sentenceText)).toContain('PID 2 has just exited with status 0.');
    expect(v.where.map(sentenceText)).toContain(
      'PID 2 has finished: a zombie until its parent waits for it.',
    );
    expect(v.where.map(sentenceText)).toContain('PID 2 just ran line 11: return 0;');
    expect(v.lines[10].ran.map((m) => m.label)).toEqual(['PID 2']);
    expect(v.lines.flatMap((l) => l.at).map((m) => m.label)).toEqual(['PID 3']);
  });
});

describe('codeView: threads, other programs', () => {
  it('labels a second thread "PID n / TID m"', () => {
    // thread-race: main (PID 2) starts at pthread_create (line 9, first instruction `thread`).
    // After one tick the new thread TID 3 waits at the top of mythread's loop (line 3) and main
    // is still on line 9 (storing the thread id).
    const [, s1] = run('thread-race', 1);
    expect(cursors(codeView(s1.machine, 'thread-race', s1.events))).toEqual({
      3: ['PID 2 / TID 3 ready'],
      9: ['PID 2 running'],
    });
  });

  it('shows a custom program plain, with its cursor', () => {
    let m = createMachine({}, 1, [jobProgram('job-a', 4)]);
    m = step(m, { type: 'spawn', program: 'job-a' }).machine;
    const v = codeView(m, 'job-a');
    if (!v.ok) throw new Error(v.message);
    expect(v.highlighted).toBe(false);
    expect(v.lines.map((l) => l.tokens)).toEqual(
      jobProgram('job-a', 4).source.map((text) => [{ text, light: null, dark: null }]),
    );
    expect(cursors(v)).toEqual({ 2: [`PID ${keys(m.procs).at(-1)} ready`] });
    const html = parse(pane(m, 'job-a'));
    expect(html.map((l) => l.text)).toEqual(jobProgram('job-a', 4).source);
    expect(pane(m, 'job-a')).not.toMatch(/class="c[ "]/);
  });

  it('does not reuse library colours for a custom program that shadows a library name', () => {
    const fake = makeProgram(
      'wc',
      ['int main(void) {', '  return 7;', '}'],
      [{ op: 'exit', status: 7, line: 2 }],
    );
    const m = createMachine({}, 1, [fake]);
    expect(highlight(fake)).toBeNull();
    const v = codeView(m, 'wc');
    expect(v.ok && v.lines.map((l) => l.text)).toEqual(fake.source);
    expect(highlight(LIBRARY.wc)).not.toBeNull();
  });

  it('says so when the program does not exist', () => {
    const v = codeView(scenario('fork-basics'), 'no-such');
    expect(v).toEqual({ ok: false, message: 'There is no program called “no-such”.' });
    const html = pane(scenario('fork-basics'), 'no-such');
    expect(decode(html)).toContain('There is no program called “no-such”.');
    expect(html).toContain('<h3');
  });

  it('says when no process runs the program', () => {
    const v = codeView(scenario('fork-basics'), 'wc');
    expect(v.ok && v.where.map(sentenceText)).toEqual(['No process is running this program.']);
  });
});

describe('highlight', () => {
  it('cuts every library listing back into exactly its text', () => {
    for (const p of Object.values(LIBRARY)) {
      const t = highlight(p);
      expect(t, p.name).not.toBeNull();
      expect(
        t!.map((line) => line.map((tok) => tok.text).join('')),
        p.name,
      ).toEqual(p.source);
    }
  });

  it('colours C keywords, function names and strings apart from plain text', () => {
    // `  int rc = fork();` (fork-basics line 3): `int` is a keyword, `fork` a function call,
    // `rc` an identifier the GitHub themes leave in the default colour.
    const line = highlight(LIBRARY['fork-basics'])![2];
    const colourOf = (word: string) => line.find((t) => t.text.includes(word));
    expect(colourOf('int')!.light).not.toBeNull();
    expect(colourOf('fork')!.light).not.toBeNull();
    expect(colourOf('fork')!.light).not.toBe(colourOf('int')!.light);
    expect(colourOf('rc')!.light).toBeNull();
    // a string literal (line 2) is coloured in both themes
    const str = highlight(LIBRARY['fork-basics'])![1].find((t) => t.text.includes('hello'));
    expect(str!.light).toMatch(/^#[0-9a-f]{6}$/);
    expect(str!.dark).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('falls back to plain text when the table does not fit the listing', () => {
    const p = LIBRARY.wc;
    const short = { palette: PALETTE, lines: { ...LINES, wc: LINES.wc.slice(1) } };
    expect(highlight(p, short)).toBeNull();
    const badLen = { palette: PALETTE, lines: { ...LINES, wc: p.source.map(() => [1, 0]) } };
    expect(highlight(p, badLen)).toBeNull();
    const badColour = {
      palette: [],
      lines: { ...LINES, wc: p.source.map((s) => [s.length, 1]) },
    };
    expect(highlight(p, badColour)).toBeNull();
  });
});

describe('CodePane (server render)', () => {
  it('renders the listing with line numbers, highlighted, text intact', () => {
    const html = pane(scenario('fork-basics'), 'fork-basics');
    const lines = parse(html);
    expect(lines.map((l) => l.n)).toEqual(LIBRARY['fork-basics'].source.map((_, i) => i + 1));
    expect(lines.map((l) => l.text)).toEqual(LIBRARY['fork-basics'].source);
    expect(html).toMatch(/class="c[ "][^>]*style="--l: #[0-9a-f]{6}; --d: #[0-9a-f]{6};/);
  });

  it('puts a labelled cursor on every task of the program', () => {
    const [, , s2] = run('fork-basics', 2);
    const lines = parse(pane(s2.machine, 'fork-basics', s2.events));
    expect(lines.filter((l) => l.at).map((l) => [l.n, l.chips])).toEqual([
      [4, ['PID 2 running', 'PID 3 ready']],
    ]);
    // a server render has no earlier snapshot: nothing is marked as just run
    expect(lines.some((l) => l.ran)).toBe(false);
  });

  it('has a heading, a focusable scroll region and a text alternative', () => {
    const [, , s2] = run('fork-basics', 2);
    const html = pane(s2.machine, 'fork-basics', s2.events);
    const id = /<section class="view view-code[^"]*" role="group" aria-labelledby="([^"]+)"/.exec(
      html,
    )![1];
    expect(decode(new RegExp(`<h3 id="${id}"[^>]*>.*?</h3>`).exec(html)![0])).toBe(
      'Code: fork-basics',
    );
    expect(html).toMatch(
      /<div class="scroll[^"]*" tabindex="0" role="group" aria-label="Code, scrollable: fork-basics"/,
    );
    const list = decode(html.slice(html.indexOf('<ul'), html.indexOf('</ul>')));
    expect(list).toContain('PID 2 is at line 4: if (rc < 0) { (running).');
    expect(list).toContain('PID 3 is at line 4: if (rc < 0) { (ready).');
    // the quoted code is marked up as code, apart from the words around it
    expect(html.replace(/<!--[\s\S]*?-->/g, '')).toMatch(
      /<li>PID 2 is at line 4: <code[^>]*>if \(rc &lt; 0\) \{<\/code> \(running\)\.<\/li>/,
    );
  });
});

describe('contrast (WCAG AA, 4.5:1)', () => {
  // Colours read from the site's stylesheet for each theme. Tokens sit only on the pane's
  // background (--code-bg); the cursor and "ran" marks fill the gutter (--mark, --surface-2)
  // behind --fg text, and the chips are --fg on --bg.
  const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
  const block = (selector: string) => {
    const start = css.indexOf(selector);
    return css.slice(start, css.indexOf('}', start));
  };
  const value = (b: string, v: string) => new RegExp(`${v}:\\s*(#[0-9a-f]{6})`, 'i').exec(b)![1];
  const themes = { light: block(':root {'), dark: block(":root[data-theme='dark'] {") };

  function luminance(hex: string): number {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  function contrast(a: string, b: string): number {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }

  it('computes contrast correctly (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [theme, b] of Object.entries(themes)) {
    it(`every token colour and mark is readable in the ${theme} theme`, () => {
      const col = theme === 'light' ? 0 : 1;
      const v = (name: string) => value(b, name);
      expect(PALETTE.length).toBeGreaterThan(3);
      for (const pair of PALETTE)
        expect(contrast(pair[col], v('--code-bg')), pair[col]).toBeGreaterThanOrEqual(4.5);
      for (const [fg, bg] of [
        ['--fg', '--code-bg'],
        ['--muted', '--code-bg'],
        ['--fg', '--mark'],
        ['--fg', '--surface-2'],
        ['--fg', '--bg'],
      ])
        expect(contrast(v(fg), v(bg)), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    });
  }
});

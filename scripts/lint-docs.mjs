// Documentation lint for the OS model's kernel: every exported function and class opens with a
// doc comment saying what it does, its precondition and its failure result ("Failure: ..." or
// "Never fails"), as xv6 comments a function's contract. Run by `npm run lint`; prints each
// export that lacks one and exits 1.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const kernel = join(root, 'src/os-model/kernel');

/** Every .ts file under `dir` that is not a test. */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

const missing = [];
for (const file of sources(kernel)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const m = /^export (?:function|class) (\w+)/.exec(line);
    if (!m) return;
    const doc = [];
    for (let j = i - 1; j >= 0 && /^\s*(\/\*\*|\*|\/\/)/.test(lines[j]); j--) doc.unshift(lines[j]);
    const text = doc.map((l) => l.replace(/^\s*(\/\*\*|\*\/|\*|\/\/)/, '').trim()).join(' ');
    if (!/Precondition/.test(text) || !/Failure|never (fails|throws)/i.test(text))
      missing.push(`${relative(root, file)}:${i + 1} ${m[1]}`);
  });
}
if (missing.length > 0) {
  console.error(
    'These kernel exports lack a doc comment with "Precondition" and "Failure"/"Never fails":',
  );
  for (const x of missing) console.error(`  ${x}`);
  process.exit(1);
}
console.log(`lint-docs: every kernel export documents its contract`);

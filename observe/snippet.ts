// node observe/snippet.ts snippets/<transport>/<situation>.ts  (or just the id)
// Runs one snippet once, in this process, and prints its trace with every claim checked: the same
// table `npm run observe` prints. Exit 0 when every claim holds (or the scenario cannot be observed
// here, which it says), 1 when one is contradicted, 2 for a bad argument.
import { lstatSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import { installRecorder } from '../snippets/lab/recorder.ts';
import { parseSnippet } from '../snippets/lab/syntax.ts';
import { assemble } from './assemble.ts';
import { fileOf, idOf, projectRoot, snippetFileProblem, snippetsDir } from './catalogue.ts';
import { formatScenario } from './table.ts';
import { SIGNAL_EXIT } from './signals.ts';

/** Whether anything is at `path`, a dangling link included. */
function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const arg = process.argv[2];
if (!arg) {
  console.error('usage: node observe/snippet.ts snippets/<transport>/<situation>.ts');
  process.exit(2);
}
// CLOSING_TIME_SNIPPETS lets a test run a snippet from a folder of fixtures.
const dir = process.env.CLOSING_TIME_SNIPPETS ? resolve(process.env.CLOSING_TIME_SNIPPETS) : snippetsDir;
const file = lstatExists(arg) ? resolve(arg) : fileOf(arg.replace(/^snippets\//, '').replace(/\.ts$/, ''));
if (!lstatExists(file)) {
  console.error(`no snippet at ${arg}`);
  process.exit(2);
}
const problem = snippetFileProblem(file, dir);
if (problem) {
  console.error(`${arg}: ${problem}`);
  process.exit(2);
}
const shown = relative(projectRoot, file);
let snippet;
try {
  snippet = parseSnippet(readFileSync(file, 'utf8'), shown);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

const r = installRecorder();
// Ctrl-C, SIGTERM, SIGHUP or SIGQUIT: remove what the run made (sockets, namespaces, directories), say so, stop.
let stopping: Promise<void> | undefined;
for (const sig of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
  process.once(sig, () => {
    stopping ??= r
      .dispose()
      .catch(() => undefined)
      .then(() => {
        console.error(`${idOf(file)}: interrupted by ${sig}; what the run had made is removed, and no claim was checked`);
        process.exit(SIGNAL_EXIT[sig]);
      });
  });
}
let thrown: { error: unknown } | undefined;
try {
  await import(pathToFileURL(file).href);
} catch (e) {
  thrown = { error: e };
}
// A signal that came during a blocking call (which it ended with EINTR) is handled here, before
// anything is printed.
await new Promise((resolve) => setImmediate(resolve));
if (stopping) await stopping;
if (thrown) {
  const e = thrown.error;
  await r.dispose();
  if ((e as { skip?: boolean }).skip) {
    console.log(`${idOf(file)}: not observed here: ${(e as Error).message}`);
    process.exit(0);
  }
  console.error(`${idOf(file)}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  process.exit(1);
}
await r.dispose();
const { record, failures } = assemble(idOf(file), shown, snippet, [r.calls], process.platform, captureUnavailable());
console.log(formatScenario(record, process.platform, 1));
for (const f of failures) console.error(`✗ ${f}`);
process.exit(failures.length ? 1 : 0);

// node observe/snippet.ts [--predict] snippets/<transport>/<situation>.ts  (or just the id)
// Runs one snippet once, in this process, and prints its trace with every claim checked: the same
// table `npm run observe` prints. With --predict it first asks, for each call marked `predict` (or
// claimed `?`), what the student expects, reading one answer a line from stdin, and says after
// each whether the kernel agreed. A snippet of your own may leave out its title and claims, and
// claim `?` to be shown a result. Exit 0 when every claim holds (or the scenario cannot be observed
// here, which it says), 1 when one is contradicted, 2 for a bad argument.
import { lstatSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { captureUnavailable } from '../snippets/lab/capture.ts';
import { installRecorder } from '../snippets/lab/recorder.ts';
import { parseSnippet } from '../snippets/lab/syntax.ts';
import { assemble } from './assemble.ts';
import { fileOf, idOf, projectRoot, snippetFileProblem, snippetsDir } from './catalogue.ts';
import { answerLine, contextLines, judge, questionLine, questions, scoreLine, type Judgement } from './predict.ts';
import type { CallRecord } from './schema.ts';
import { proveLab } from './prove-lab.ts';
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

const USAGE = 'usage: node observe/snippet.ts [--predict] snippets/<transport>/<situation>.ts';
let arg: string | undefined;
let predict = false;
try {
  const { values, positionals } = parseArgs({ options: { predict: { type: 'boolean' } }, allowPositionals: true });
  [arg] = positionals;
  predict = !!values.predict;
  if (positionals.length > 1) throw new Error(`one snippet at a time, not ${positionals.length}`);
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!arg) {
  console.error(USAGE);
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
  // A Python or Ruby program is observed by observe/cli.ts, which knows its interpreter.
  const program = /\/(python|ruby)\/([a-z0-9-]+)\.(py|rb)$/.exec(file);
  if (program) console.error(`${arg}: a ${program[1]} program; see it observed with: npm run observe -- ${program[1]}/${program[2]}`);
  else console.error(`${arg}: ${problem}`);
  process.exit(2);
}
const shown = relative(projectRoot, file);
let snippet;
try {
  snippet = parseSnippet(readFileSync(file, 'utf8'), shown, { lenient: true });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

try {
  await proveLab();
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
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
if (predict) await askAbout(record.calls);
console.log(formatScenario(record, process.platform, 1));
for (const f of failures) console.error(`✗ ${f}`);
process.exit(failures.length ? 1 : 0);

/** Asks about each call worth predicting, one answer a line from stdin, and says how each went. */
async function askAbout(calls: CallRecord[]): Promise<void> {
  const asked = questions(calls, snippet!);
  const lines = createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
  const judged: Judgement[] = [];
  console.log(`${idOf(file)}: predict what each call returns (an errno name like ECONNRESET, a number, poll flags like IN HUP; Enter shows it)\n`);
  const source = readFileSync(file, 'utf8').split('\n');
  let after = snippet!.headerLines;
  for (const [i, call] of asked.entries()) {
    const context = contextLines(source, after, call.line);
    if (context.length) console.log(context.join('\n'));
    after = call.line;
    process.stdout.write(questionLine(call, i + 1, asked.length));
    const next = await lines.next();
    const answer = next.done ? '' : String(next.value);
    if (!process.stdin.isTTY) process.stdout.write(`${answer}\n`);
    judged.push(judge(answer, call));
    console.log(answerLine(answer, call));
  }
  process.stdin.pause();
  console.log(`\n${scoreLine(judged)}\n`);
}

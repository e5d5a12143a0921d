// The other runtimes' lens: small Python and Ruby programs (snippets/python/*.py, snippets/ruby/*.rb),
// written with each language's own socket API, observed on this kernel beside the system calls and
// Node.js. Each claimed line is wrapped in a recorder (observe/runtimes/record.py, record.rb) that
// keeps its line number, so a claim is checked by assemble(), as a TypeScript snippet's is: a
// contradicted one fails naming the file and the line. A runtime this machine lacks is recorded as
// missing, with why, and each of its programs as skipped with that reason: never left out silently.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { ended, procStat } from '../snippets/lab/proc-stat.ts';
import type { CallKind, RecordedCall } from '../snippets/lab/recorder.ts';
import { codeOf, claimMarkerOf, parseSnippet, type SnippetSource } from '../snippets/lab/syntax.ts';
import { assemble } from './assemble.ts';
import { projectRoot, snippetsDir } from './catalogue.ts';
import type { RuntimeRecord, ScenarioRecord } from './schema.ts';
import { boundWords, runBound } from './stop-aware-timeout.ts';

/** A runtime the build looks for: its name (the snippets folder), file extension and how to ask its version. */
export interface Runtime {
  name: 'python' | 'ruby';
  ext: 'py' | 'rb';
  /** The command it goes by on PATH. */
  command: string;
  /** The environment variable that names another interpreter (a path) instead. */
  override: string;
  /** Flags the programs run with. */
  runFlags: string[];
  /** Arguments that print `version<TAB>description<TAB>executable`. */
  versionArgs: string[];
  /** Wraps one claimed line's code (`target = ` kept outside) so the recorder runs it. */
  wrap: (line: number, code: string) => string;
}

/** The runtimes, in the order the site shows them (after C and Node.js). */
export const RUNTIMES: Runtime[] = [
  {
    name: 'python',
    ext: 'py',
    command: 'python3',
    override: 'CLOSING_TIME_PYTHON',
    // -S: no site module (the programs import only the standard library); it halves the start.
    runFlags: ['-S'],
    versionArgs: ['-c', 'import platform, sys; print(platform.python_version(), sys.version.replace("\\n", " "), sys.executable, sep="\\t")'],
    wrap: (line, code) => `__record(${line}, lambda: ${code})`,
  },
  {
    name: 'ruby',
    ext: 'rb',
    command: 'ruby',
    override: 'CLOSING_TIME_RUBY',
    // No RubyGems (the programs require only the standard library): most of the interpreter's start.
    runFlags: ['--disable-gems'],
    versionArgs: ['-e', 'print RUBY_VERSION, "p", RUBY_PATCHLEVEL, "\\t", RUBY_DESCRIPTION, "\\t", RbConfig.ruby'],
    wrap: (line, code) => `__record(${line}) { ${code} }`,
  },
];

/** How many times each program runs (a fresh process each time): fewer than the system calls' 20, since each start costs an interpreter. */
export const PROGRAM_REPETITIONS = 5;

/** The runtime of a program id (`python/…`), or undefined. */
export function runtimeOf(id: string): Runtime | undefined {
  return RUNTIMES.find((r) => id.startsWith(`${r.name}/`));
}

/** Every runtime program's id, sorted: one per `.py` under snippets/python/ and `.rb` under snippets/ruby/. */
export function programIds(dir = snippetsDir): string[] {
  return RUNTIMES.flatMap((r) => {
    const folder = join(dir, r.name);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.endsWith(`.${r.ext}`))
      .map((f) => `${r.name}/${f.slice(0, -r.ext.length - 1)}`);
  }).sort();
}

/** The file of a program id. */
export function programFile(id: string, dir = snippetsDir): string {
  return join(dir, `${id}.${runtimeOf(id)!.ext}`);
}

/** The interpreter to run, from the override or PATH, or why there is none. */
function interpreter(r: Runtime, env: NodeJS.ProcessEnv): { bin: string } | { missing: string } {
  const named = env[r.override];
  if (named !== undefined) {
    try {
      accessSync(named, constants.X_OK);
      return { bin: named };
    } catch {
      return { missing: `${r.name} not installed (${r.override}=${named} is not an executable file)` };
    }
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const bin = join(dir, r.command);
    try {
      accessSync(bin, constants.X_OK);
      return { bin };
    } catch {
      // not here
    }
  }
  return { missing: `${r.name} not installed (no ${r.command} on PATH)` };
}

/** Each runtime as this machine has it: its exact version and executable, or why it is missing. */
export function findRuntimes(env: NodeJS.ProcessEnv = process.env): (RuntimeRecord & { bin?: string })[] {
  return RUNTIMES.map((r) => {
    const found = interpreter(r, env);
    if ('missing' in found) return { name: r.name, missing: found.missing };
    const asked = spawnSync(found.bin, r.versionArgs, { encoding: 'utf8', timeout: 10_000, env });
    const [version, description, executable] = (asked.stdout ?? '').trim().split('\t');
    if (asked.status !== 0 || !version || !description || !executable) {
      return { name: r.name, missing: `${r.name} did not say its version (${found.bin} exited ${asked.status ?? asked.signal}: ${(asked.stderr ?? '').trim().split('\n').pop() || 'no output'})` };
    }
    // The programs run on the executable itself: a version manager's shim (pyenv) costs more than the program.
    return { name: r.name, version, description, executable, bin: executable };
  });
}

/** What a line's code does, for the site's wording (a read's empty result is end of file). */
export function kindOfCode(code: string): CallKind {
  if (/\b(recv|recv_into|recvfrom|read|readpartial|read_nonblock|recv_nonblock|sysread|gets|readline)\b/.test(code)) return 'read';
  if (/\b(send|sendall|sendto|write|write_nonblock|syswrite|print|puts)\b/.test(code)) return 'write';
  if (/\b(connect|connect_ex|create_connection|TCPSocket\.new|UNIXSocket\.new|Socket\.tcp|Socket\.unix)\b/.test(code)) return 'connect';
  if (/\baccept\b/.test(code)) return 'accept';
  if (/\bclose\b/.test(code)) return 'close';
  if (/\bshutdown\b/.test(code)) return 'shutdown';
  if (/\b(setsockopt|getsockopt)\b/.test(code)) return 'option';
  return 'event';
}

/**
 * The program's source with each claimed line's code wrapped for the recorder, on the same line:
 * `x = a.recv(5)` becomes `x = __record(7, lambda: a.recv(5))` in Python, `x = __record(7) { a.recv(5) }`
 * in Ruby. Only a call (or `name = call`) may carry a claim.
 */
export function instrument(source: string, snippet: SnippetSource, r: Runtime, file: string): string {
  const marker = claimMarkerOf(file);
  return source
    .split('\n')
    .map((text, i) => {
      if (!snippet.claims.has(i + 1)) return text;
      const indent = /^\s*/.exec(text)![0];
      const code = codeOf(text, marker);
      const m = /^((?:[A-Za-z_][\w.]*\s*,\s*)*[A-Za-z_][\w.]*\s*=(?!=)\s*)?(.+)$/.exec(code)!;
      return `${indent}${m[1] ?? ''}${r.wrap(i + 1, m[2])}`;
    })
    .join('\n');
}

/** One run's outcome: its recorded calls, or why it failed. */
type RunOutcome = { trace: RecordedCall[] } | { failure: string };

/** Runs one program once, in `tmp` (its TMPDIR), within `timeoutMs`; kills it when `signal` aborts. */
function runOnce(bin: string, r: Runtime, file: string, instrumented: string, snippet: SnippetSource, lines: string[], tmp: string, timeoutMs: number, signal?: AbortSignal): Promise<RunOutcome> {
  const shown = relative(projectRoot, file);
  const marker = claimMarkerOf(file);
  return new Promise((resolve) => {
    const child = spawn(bin, [...r.runFlags, join(import.meta.dirname, 'runtimes', `record.${r.ext}`), shown], {
      cwd: tmp,
      env: { ...process.env, TMPDIR: tmp, CLOSING_TIME_OWNER: String(process.pid) },
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const trace: RecordedCall[] = [];
    let pending: number | undefined;
    let stderr = '';
    let buffered = '';
    let timedOut: 'idle' | 'limit' | undefined;
    const killAll = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
    };
    // Bounded on its progress (each call it reports), not counting time the observer was stopped,
    // and looked at only after the poll phase: a program that ended while this process was starved
    // of the CPU has ended, not timed out, even when its exit has not reached us yet (a zombie, or gone).
    const timer = runBound((why) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const stat = procStat(child.pid!);
      if (!stat || ended(stat)) return;
      timedOut = why;
      killAll();
    }, timeoutMs);
    const onAbort = () => killAll();
    signal?.addEventListener('abort', onAbort);
    const stepAt = (line: number) => `${shown}:${line} ${codeOf(lines[line - 1] ?? '', marker)}`;
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const message = JSON.parse(buffered.slice(0, nl)) as { start?: number; line?: number; result?: number | string; data?: string };
        buffered = buffered.slice(nl + 1);
        timer.progress();
        if (message.start !== undefined) pending = message.start;
        else {
          pending = undefined;
          const code = codeOf(lines[message.line! - 1], marker);
          trace.push({ line: message.line!, code, kind: kindOfCode(code), result: message.result!, ...(message.data ? { data: message.data } : {}), sigpipe: false });
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.stdin!.on('error', () => {}); // a program that died at once: its exit says why
    child.stdin!.end(instrumented);
    child.on('close', (code, sig) => {
      timer.clear();
      signal?.removeEventListener('abort', onAbort);
      const last = stderr.trim().split('\n').pop() ?? '';
      if (timedOut) resolve({ failure: `still running after ${boundWords(timedOut, timeoutMs)}, ${pending !== undefined ? `in ${stepAt(pending)}` : `after ${trace.length ? stepAt(trace[trace.length - 1].line) : 'its start'}`}` });
      else if (signal?.aborted) resolve({ failure: 'stopped' });
      else if (sig && pending !== undefined) {
        // The process died in the call: that is the line's result (a write with SIGPIPE at its default).
        const c = codeOf(lines[pending - 1], marker);
        trace.push({ line: pending, code: c, kind: kindOfCode(c), result: `killed ${sig}`, sigpipe: false });
        resolve({ trace });
      } else if (code !== 0 || sig) resolve({ failure: `exited ${sig ?? code}${pending !== undefined ? ` in ${stepAt(pending)}` : ''}: ${last || 'no message'}` });
      else resolve({ trace });
    });
  });
}

/** The records and failures of the runtime programs, and the runtimes as found. */
export interface RuntimeOutcome {
  runtimes: RuntimeRecord[];
  programs: ScenarioRecord[];
  failures: string[];
  /** Set when the signal stopped them: the programs that were running then. */
  interrupted?: string[];
}

/** Observes the runtime programs `ids`, each `repetitions` times, at most `parallel` processes at once, inside the private folder `tmp`. */
export async function observePrograms(
  ids: string[],
  options: { repetitions: number; timeoutMs: number; tmp: string; parallel: number; signal?: AbortSignal; dir?: string; env?: NodeJS.ProcessEnv },
): Promise<RuntimeOutcome> {
  const found = findRuntimes(options.env);
  const failures: string[] = [];
  const programs = new Map<string, ScenarioRecord>();
  const jobs: (() => Promise<void>)[] = [];
  const interrupted = new Set<string>();
  for (const id of ids) {
    const r = runtimeOf(id)!;
    const file = programFile(id, options.dir);
    const shown = relative(projectRoot, file);
    let snippet: SnippetSource;
    const source = readFileSync(file, 'utf8');
    try {
      snippet = parseSnippet(source, shown);
    } catch (e) {
      failures.push(`${id}: ${(e as Error).message}`);
      continue;
    }
    const runtime = found.find((f) => f.name === r.name)!;
    if (runtime.missing !== undefined) {
      programs.set(id, { id, title: snippet.title, file: shown, stable: true, calls: [], skipped: runtime.missing });
      continue;
    }
    const instrumented = instrument(source, snippet, r, shown);
    const lines = source.split('\n');
    const traces: RecordedCall[][] = [];
    let failed = false;
    const runs = Math.min(options.repetitions, snippet.repetitions ?? PROGRAM_REPETITIONS);
    for (let n = 0; n < runs; n++) {
      jobs.push(async () => {
        if (failed || options.signal?.aborted) return;
        const dir = mkdtempSync(join(options.tmp, `${r.name}-`));
        const out = await runOnce(runtime.bin!, r, file, instrumented, snippet, lines, dir, options.timeoutMs, options.signal);
        if (options.signal?.aborted) interrupted.add(id);
        if ('failure' in out) {
          if (!failed && out.failure !== 'stopped') failures.push(`${id} (${shown}): ${out.failure}`);
          failed = true;
          return;
        }
        traces.push(out.trace);
        if (traces.length < runs) return;
        const assembled = assemble(id, shown, snippet, traces, process.platform);
        programs.set(id, assembled.record);
        failures.push(...assembled.failures);
      });
    }
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.parallel, jobs.length)) }, async () => {
      while (next < jobs.length) await jobs[next++]();
    }),
  );
  return {
    runtimes: found.map(({ bin: _bin, ...rest }) => rest),
    programs: ids.map((id) => programs.get(id)).filter((p): p is ScenarioRecord => p !== undefined),
    failures,
    ...(options.signal?.aborted ? { interrupted: [...interrupted].sort() } : {}),
  };
}

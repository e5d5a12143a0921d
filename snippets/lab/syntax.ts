// The snippet syntax, in one place: the header directives, the claim marker, and the grammar of a
// claimed (or observed) value. The recorder, observe and the site all read snippets through here.
//
//   // title: B closes without reading; A reads            ← header: `// directive: text` lines
//   // reported: darwin — where the darwin claims come from
//   import { socketpair } from '../lab/index.ts';
//
//   a.read();   //=> linux: ECONNRESET · darwin: 0       ← a claim, on the line of its call
import { KNOWN_ERRNO_NAMES, POLL_NAMES } from './platform.ts';

/** The marker that starts a claim comment. */
export const CLAIM_MARKER = '//=>';

/** The header directives a snippet may start with, and what each says. */
export const DIRECTIVES = {
  title: 'what the scenario shows, in one line (required)',
  reported: "'platform — source': where that platform's claims come from",
  varies: 'why the outcome may honestly differ between runs (rare)',
  slow: 'why it waits on a kernel timer; each of its runs gets a worker of its own',
  repetitions: 'at most this many runs, whatever observe is asked for',
} as const;

/** One header directive's name. */
export type Directive = keyof typeof DIRECTIVES;

/** The claims of one line: each platform's accepted values (more than one only with `or`). */
export type LineClaims = Record<string, string[]>;

/** What a snippet's comments say, parsed. */
export interface SnippetSource {
  title: string;
  /** Where each platform's reported claims come from. */
  reported: Record<string, string>;
  varies?: string;
  /** Why the scenario is slow (it waits for a kernel timer); slow ones run in a worker of their own. */
  slow?: string;
  /** At most this many runs, whatever the observer was asked for (slow scenarios). */
  repetitions?: number;
  /** The claims, by 1-based file line. */
  claims: Map<number, LineClaims>;
  /** Number of header lines (directives) at the top of the file. */
  headerLines: number;
  /** The first file line of the code a reader sees (after the header and blank lines). */
  firstShownLine: number;
}

/** A snippet whose comments break the syntax; the message starts with file:line:column. */
export class SnippetSyntaxError extends Error {}

const SIGNALS = new Set(['SIGPIPE', 'SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGABRT', 'SIGSEGV', 'SIGUSR1', 'SIGUSR2', 'SIGALRM']);
const WORDS = new Set(['BLOCKED', 'RUNNING']);
const POLL = new Set<string>(POLL_NAMES);
/** What a Node.js step may report first: an event's name, or what a method returned. */
const NODE_WORDS = new Set([
  'end', 'close', 'error', 'data', 'connect', 'ready', 'finish', 'drain', 'timeout', 'lookup',
  'response', 'socket', 'free', 'aborted', 'prefinish', 'true', 'false', 'none',
  // what a Node step returned: ok (a void call), throws CODE, exit N or killed SIG… (a child), resolved/rejected (a promise)
  'ok', 'throws', 'exit', 'killed', 'resolved', 'rejected',
]);
/** A Node.js event and its telling arguments: `close false`, `error ECONNRESET`, `data 5`, `response 200 reused`. */
const NODE_VALUE = /^[a-z][a-zA-Z]*(?: (?:E[A-Z0-9]+|ERR_[A-Z0-9_]+|SIG[A-Z0-9]+|[a-z]+|-?\d+))*$/;

/**
 * Why `value` is not a result the site can show, or undefined when it is one. A result is a whole
 * number, a known errno name, a known signal name, BLOCKED or RUNNING, poll flags in their fixed
 * order (`IN OUT HUP`), or a Node.js event (`end`, `close false`, `error ECONNRESET`).
 */
export function valueError(value: string): string | undefined {
  if (/^-?\d+$/.test(value) || SIGNALS.has(value) || WORDS.has(value)) return undefined;
  if (/^E[A-Z0-9]+$/.test(value)) return KNOWN_ERRNO_NAMES.has(value) ? undefined : `'${value}' is not an errno name`;
  if (/^SIG[A-Z0-9]+$/.test(value)) return `'${value}' is not a signal name this site knows`;
  if (/^[A-Z]+(?: [A-Z]+)*$/.test(value)) {
    const flags = value.split(' ');
    const unknown = flags.find((f) => !POLL.has(f));
    if (unknown) return `'${unknown}' is not a poll flag (${POLL_NAMES.join(' ')})`;
    const canonical = POLL_NAMES.filter((f) => flags.includes(f)).join(' ');
    if (canonical !== value || new Set(flags).size !== flags.length) return `poll flags go once each, in the order ${POLL_NAMES.join(' ')}: write '${canonical}'`;
    return undefined;
  }
  if (NODE_VALUE.test(value) && NODE_WORDS.has(value.split(' ')[0])) {
    const code = value.split(' ').slice(1).find((w) => /^E[A-Z0-9]+$/.test(w) && !KNOWN_ERRNO_NAMES.has(w));
    return code ? `'${code}' is not an errno name` : undefined;
  }
  return `'${value}' is not a result (a number, an errno name like ECONNRESET, a signal like SIGPIPE, poll flags like IN HUP, or a Node.js event like 'error ECONNRESET')`;
}

/** Whether an observed result is one of the values a claim accepts. */
export function agrees(accepted: string[], observed: number | string): boolean {
  return accepted.includes(String(observed));
}

/** Parses the text after the claim marker into claims per platform; `where` is file:line:column. */
export function parseClaim(text: string, where: string): LineClaims {
  const claims: LineClaims = {};
  for (const part of text.split(/\s+[·;]\s+/)) {
    const m = /^([a-z][a-z0-9]*):\s*(.+?)\s*$/.exec(part.trim());
    if (!m) throw new SnippetSyntaxError(`${where}: a claim must read 'platform: value', not '${part.trim()}'`);
    const [, platform, values] = m;
    if (claims[platform]) throw new SnippetSyntaxError(`${where}: '${platform}' is claimed twice`);
    claims[platform] = values.split(/\s+or\s+/).map((v) => {
      const error = valueError(v);
      if (error) throw new SnippetSyntaxError(`${where}: ${platform}: ${error}`);
      return v;
    });
  }
  return claims;
}

/** Where the claim comment starts on a line, or -1. */
export function claimStart(line: string): number {
  return line.indexOf(CLAIM_MARKER);
}

/** The source text of a call: its line without the claim comment or the closing semicolon. */
export function codeOf(lineText: string): string {
  const at = claimStart(lineText);
  return (at === -1 ? lineText : lineText.slice(0, at)).trim().replace(/;$/, '');
}

/** Code with every claim comment removed (for predict-then-look blocks, whose claims are in the answers). */
export function withoutClaims(code: string): string {
  return code
    .split('\n')
    .map((line) => (claimStart(line) === -1 ? line : line.slice(0, claimStart(line)).trimEnd()))
    .join('\n');
}

/** Reads a snippet's header and every claim in it; errors start with file:line:column. */
export function parseSnippet(source: string, file: string): SnippetSource {
  const lines = source.split('\n');
  const reported: Record<string, string> = {};
  const found: Partial<Record<Directive, string>> = {};
  let headerLines = 0;
  for (const [i, line] of lines.entries()) {
    const m = /^\/\/ ?([A-Za-z-]+):(.*)$/.exec(line);
    if (!m || line.startsWith(CLAIM_MARKER)) break;
    const [, name, rest] = m;
    const at = `${file}:${i + 1}:4`;
    if (!(name in DIRECTIVES)) {
      const known = Object.keys(DIRECTIVES).join(', ');
      throw new SnippetSyntaxError(`${at}: unknown header directive '${name}:' (known: ${known})`);
    }
    const text = rest.trim();
    if (!text) throw new SnippetSyntaxError(`${at}: '// ${name}:' needs text after it`);
    headerLines = i + 1;
    if (name === 'reported') {
      const r = /^([a-z][a-z0-9]*) — (.+)$/.exec(text);
      if (!r) throw new SnippetSyntaxError(`${at}: write '// reported: platform — source'`);
      reported[r[1]] = r[2];
    } else {
      if (found[name as Directive] !== undefined) throw new SnippetSyntaxError(`${at}: '// ${name}:' is given twice`);
      found[name as Directive] = text;
    }
  }
  if (!found.title) throw new SnippetSyntaxError(`${file}:1:1: a snippet starts with '// title: …'`);
  let repetitions: number | undefined;
  if (found.repetitions !== undefined) {
    repetitions = Number(found.repetitions);
    if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > 10_000) {
      const line = lines.findIndex((l) => /^\/\/ ?repetitions:/.test(l)) + 1;
      throw new SnippetSyntaxError(`${file}:${line}:4: '// repetitions:' takes a whole number from 1 to 10000`);
    }
  }
  const claims = new Map<number, LineClaims>();
  for (const [i, line] of lines.entries()) {
    const at = claimStart(line);
    if (at === -1) continue;
    if (!line.slice(0, at).trim()) throw new SnippetSyntaxError(`${file}:${i + 1}:${at + 1}: a claim stands on the line of the call it describes, not on a line of its own`);
    claims.set(i + 1, parseClaim(line.slice(at + CLAIM_MARKER.length).trim(), `${file}:${i + 1}:${at + 1}`));
  }
  if (claims.size === 0) {
    throw new SnippetSyntaxError(`${file}:1:1: a snippet claims what its calls return ('${CLAIM_MARKER} linux: …' on a call's line); this one claims nothing`);
  }
  let firstShownLine = headerLines + 1;
  while (firstShownLine <= lines.length && lines[firstShownLine - 1].trim() === '') firstShownLine++;
  return { title: found.title, reported, varies: found.varies, slow: found.slow, repetitions, claims, headerLines, firstShownLine };
}

/** The platforms a snippet claims something for, other than the one observed, that name no source. */
export function unsourcedPlatforms(snippet: SnippetSource, observedPlatform: string): string[] {
  const named = new Set<string>();
  for (const claims of snippet.claims.values()) for (const p of Object.keys(claims)) named.add(p);
  return [...named].filter((p) => p !== observedPlatform && !snippet.reported[p]);
}

// The snippet syntax, in one place: the header directives, the claim marker, and the grammar of a
// claimed (or observed) value. The recorder, observe and the site all read snippets through here.
//
//   // title: B closes without reading; A reads            ← header: `// directive: text` lines
//   // reported: darwin — where the darwin claims come from
//   import { socketpair } from '../lab/index.ts';
//
//   a.read();   //=> linux: ECONNRESET · darwin: 0       ← a claim, on the line of its call
//   b.close();  //=> linux: 0 · wire: b RST               ← and the segments that follow it
//
// A Node-level call may answer differently on two Node releases. A header line names a set of
// releases (an npm-style range) and says what changed, and a claim keyed `platform label` holds on
// those releases in place of the plain `platform` one:
//
//   // node: guarded = ^22.23.4 || ^24.22.1 || >=26.12.1 — what changed, and its source
//   await get(url, agent);   //=> linux: error ECONNRESET reused · linux guarded: response 200 new
//
// A call whose result a learner would not guess is marked `predict`: only those are offered as
// questions on the site and in `observe/snippet.ts --predict`.
//
//   a.read();   //=> linux: ECONNRESET · predict
//
// In a snippet of your own (run with observe/snippet.ts, never in the catalogue), `?` claims
// nothing and asks to be shown (`a.read(); //=> linux: ?`), and the title and claims may be left out.
import semver from 'semver';
import { KNOWN_ERRNO_NAMES, POLL_NAMES } from './platform.ts';
import { TCP_FLAGS } from './segments.ts';

/** The marker that starts a claim comment. */
export const CLAIM_MARKER = '//=>';

/**
 * A program in another runtime (Python, Ruby) comments with `#`: its header lines read
 * `# title: …` and its claims `#=> linux: …`, in the same grammar, with the runtime's own words for
 * a result (`raises ConnectionResetError ECONNRESET`, `b''`, `nil`, `:wait_readable`).
 */
const HASH_COMMENTED = /\.(py|rb)$/;

/** The comment that starts a header line or a claim in `file`: `//` in TypeScript, `#` in Python and Ruby. */
export function commentOf(file: string): '//' | '#' {
  return HASH_COMMENTED.test(file) ? '#' : '//';
}

/** The claim marker in `file`: `//=>`, or `#=>` in Python and Ruby. */
export function claimMarkerOf(file: string): string {
  return `${commentOf(file)}=>`;
}

/** The word, among a line's claims, that marks a call worth predicting. */
export const PREDICT_MARK = 'predict';

/** The value that claims nothing and asks to be shown (`//=> linux: ?`), allowed in a student's own snippet. */
export const SHOW_ME = '?';

/** The header directives a snippet may start with, and what each says. */
export const DIRECTIVES = {
  title: 'what the scenario shows, in one line (required)',
  reported: "'platform — source': where that platform's claims come from",
  varies: 'why the outcome may honestly differ between runs (rare)',
  slow: 'why it waits on a kernel timer; each of its runs gets a worker of its own',
  repetitions: 'at most this many runs, whatever observe is asked for',
  node: "'label = range — what changed (source)': Node releases on which `platform label` claims hold instead",
} as const;

/** One header directive's name. */
export type Directive = keyof typeof DIRECTIVES;

/** The claims of one line: each platform's accepted values (more than one only with `or`). */
export type LineClaims = Record<string, string[]>;

/** A named set of Node releases, from a `// node:` header line. */
export interface NodeRange {
  /** An npm-style range: `^22.23.4 || >=26.12.1`. */
  range: string;
  /** What changed on these releases, and where that is written down. */
  why: string;
}

/** What a snippet's comments say, parsed. */
export interface SnippetSource {
  title: string;
  /** Where each platform's reported claims come from. */
  reported: Record<string, string>;
  /** Named sets of Node releases that `platform label` claims are keyed to. */
  nodeRanges: Record<string, NodeRange>;
  varies?: string;
  /** Why the scenario is slow (it waits for a kernel timer); slow ones run in a worker of their own. */
  slow?: string;
  /** At most this many runs, whatever the observer was asked for (slow scenarios). */
  repetitions?: number;
  /** The claims, by 1-based file line. */
  claims: Map<number, LineClaims>;
  /** The wire claims, by 1-based file line. */
  wireClaims: Map<number, WireClaim>;
  /** The lines whose call is marked `predict`: a learner would not guess its result. */
  predict: Set<number>;
  /** The lines that claim `?` (show me) for a platform, by line: those platforms. */
  asks: Map<number, string[]>;
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
// Codes: errno names, ERR_*, and other codes with an underscore (ABORT_ERR, undici's UND_ERR_SOCKET);
// or an error's name where it has no code (a DOMException's `TimeoutError`).
const NODE_VALUE = /^[a-z][a-zA-Z]*(?: (?:E[A-Z0-9]+|ERR_[A-Z0-9_]+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z][a-zA-Z]*Error|SIG[A-Z0-9]+|[a-z]+|-?\d+))*$/;

/**
 * What a Python or Ruby line gave its program: an exception (`raises ConnectionResetError ECONNRESET`,
 * `raises Errno::EPIPE EPIPE`, `raises EOFError`: its class, then its errno's name when it carries one),
 * or a value as the runtime prints it (`b''`, `b'world'`, `""`, `"world"`, `None`, `nil`, `True`,
 * `:wait_readable`), or `killed SIGPIPE` (a Node.js word too) when the process died in the call.
 */
const RUNTIME_RAISES = /^raises [A-Z][A-Za-z0-9_]*(?:(?:::|\.)[A-Z][A-Za-z0-9_]*)*(?: (E[A-Z0-9]+))?$/;
const RUNTIME_VALUE = /^(?:b'[^'\\]*'|"[^"\\]*"|None|nil|True|False|:[a-z_]+)$/;

/**
 * Why `value` is not a result the site can show, or undefined when it is one. A result is a whole
 * number, a known errno name, a known signal name, BLOCKED or RUNNING, poll flags in their fixed
 * order (`IN OUT HUP`), a Node.js event (`end`, `close false`, `error ECONNRESET`), or what a Python
 * or Ruby line gave (`raises ConnectionResetError ECONNRESET`, `b''`, `nil`).
 */
export function valueError(value: string): string | undefined {
  if (/^-?\d+$/.test(value) || SIGNALS.has(value) || WORDS.has(value)) return undefined;
  if (RUNTIME_VALUE.test(value)) return undefined;
  const raised = RUNTIME_RAISES.exec(value);
  if (raised) return raised[1] && !KNOWN_ERRNO_NAMES.has(raised[1]) ? `'${raised[1]}' is not an errno name` : undefined;
  // ERR alone is a poll flag (a connected UDP socket's pending ICMP error), not an errno name.
  if (/^E[A-Z0-9]+$/.test(value) && !POLL.has(value)) return KNOWN_ERRNO_NAMES.has(value) ? undefined : `'${value}' is not an errno name`;
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
  return `'${value}' is not a result (a number, an errno name like ECONNRESET, a signal like SIGPIPE, poll flags like IN HUP, a Node.js event like 'error ECONNRESET', or a Python or Ruby result like 'raises ConnectionResetError ECONNRESET' or b'')`;
}

/** Whether an observed result is one of the values a claim accepts. */
export function agrees(accepted: string[], observed: number | string): boolean {
  return accepted.includes(String(observed));
}

/** One claimed segment: its sender, flags it must carry, and its payload length when given. */
export interface ClaimedSegment {
  from: 'a' | 'b';
  flags: string[];
  len?: number;
}

/**
 * A wire claim, `wire: b RST` or `wire: a PSH 5, b RST` or `wire: none`: the segments that must
 * follow the call, in order, each its sender (a, or b on the listening port), flags it must carry
 * (others may be set too: `b RST` matches RST ACK) and optionally its payload length. Only SYN,
 * FIN, RST and data are compared; pure ACKs are never claimed, since timers decide when they go.
 */
export interface WireClaim {
  text: string;
  segments: ClaimedSegment[];
}

/** The key that starts a wire claim among a line's claims. */
const WIRE_KEY = /^wire:/;

/** Parses the text after `wire:`; a string is the reason it cannot be parsed. */
export function parseWireClaim(text: string): WireClaim | string {
  const trimmed = text.trim();
  if (trimmed === 'none') return { text: trimmed, segments: [] };
  const segments: ClaimedSegment[] = [];
  for (const part of trimmed.split(/\s*,\s*/)) {
    const [from, ...rest] = part.split(/\s+/);
    if (from !== 'a' && from !== 'b') return `a wire claim names the sender first, a or b, not '${part}'`;
    const seg: ClaimedSegment = { from, flags: [] };
    for (const token of rest) {
      if (/^\d+$/.test(token) && seg.len === undefined) seg.len = Number(token);
      else if (token in TCP_FLAGS) seg.flags.push(token);
      else return `'${token}' in '${part}' is neither a TCP flag (${Object.keys(TCP_FLAGS).join(' ')}) nor a payload length`;
    }
    if (!seg.len && !seg.flags.some((f) => f === 'SYN' || f === 'FIN' || f === 'RST')) {
      return `'${part}' would be a pure ACK, which is never checked (timers decide when one goes): claim SYN, FIN, RST or a payload length`;
    }
    segments.push(seg);
  }
  return { text: trimmed, segments };
}

/**
 * Parses the text after the claim marker into claims per platform (a `wire:` part is left to
 * parseWireClaim, the `predict` mark to the caller); `where` is file:line:column. A platform
 * claimed `?` is left out of the claims and listed in `asks`, when given.
 */
export function parseClaim(text: string, where: string, asks?: string[]): LineClaims {
  const claims: LineClaims = {};
  for (const part of text.split(/\s+[·;]\s+/)) {
    if (WIRE_KEY.test(part.trim()) || part.trim() === PREDICT_MARK) continue;
    const m = /^([a-z][a-z0-9]*(?: [a-z][a-z0-9-]*)?):\s*(.+?)\s*$/.exec(part.trim());
    if (!m) throw new SnippetSyntaxError(`${where}: a claim must read 'platform: value' (or 'platform label: value' for a // node: range), not '${part.trim()}'`);
    const [, platform, values] = m;
    if (claims[platform] || asks?.includes(platform)) throw new SnippetSyntaxError(`${where}: '${platform}' is claimed twice`);
    if (values === SHOW_ME) {
      if (!asks) throw new SnippetSyntaxError(`${where}: '${platform}: ?' (show me) is for a snippet of your own, run with observe/snippet.ts; a catalogue snippet claims every value`);
      asks.push(platform);
      continue;
    }
    claims[platform] = values.split(/\s+or\s+/).map((v) => {
      const error = valueError(v);
      if (error) throw new SnippetSyntaxError(`${where}: ${platform}: ${error}`);
      return v;
    });
  }
  return claims;
}

/** Where the claim comment starts on a line, or -1 (`marker`: `#=>` in Python and Ruby). */
export function claimStart(line: string, marker = CLAIM_MARKER): number {
  return line.indexOf(marker);
}

/** The source text of a call: its line without the claim comment or the closing semicolon. */
export function codeOf(lineText: string, marker = CLAIM_MARKER): string {
  const at = claimStart(lineText, marker);
  return (at === -1 ? lineText : lineText.slice(0, at)).trim().replace(/;$/, '');
}

/** The modules a TypeScript snippet imports at its top (`import … from '…'`, `import '…'`; type-only imports left out), as written. */
export function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\s)(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

/** Code with every claim comment removed (for predict-then-look blocks, whose claims are in the answers). */
export function withoutClaims(code: string): string {
  return code
    .split('\n')
    .map((line) => (claimStart(line) === -1 ? line : line.slice(0, claimStart(line)).trimEnd()))
    .join('\n');
}

/**
 * Code for predicting: each claim comment becomes `//=> platform: ?` on the lines marked
 * `predict` or claimed `?` (platform: the one the code runs on) and goes away elsewhere, so the file still runs
 * with observe/snippet.ts, which then shows what each marked call returned.
 */
export function withQuestions(code: string, platform: string): string {
  const parts = (line: string) => line.slice(claimStart(line) + CLAIM_MARKER.length).split(/\s+[·;]\s+/).map((p) => p.trim());
  const marked = (line: string) => claimStart(line) !== -1 && parts(line).some((p) => p === PREDICT_MARK || p.endsWith(`: ${SHOW_ME}`));
  return code
    .split('\n')
    .map((line) => {
      const at = claimStart(line);
      if (at === -1) return line;
      return marked(line) ? `${line.slice(0, at)}${CLAIM_MARKER} ${platform}: ${SHOW_ME}` : line.slice(0, at).trimEnd();
    })
    .join('\n');
}

/** How strict parseSnippet is. */
export interface ParseOptions {
  /**
   * A snippet of your own, run with observe/snippet.ts: the title may be left out (the file name
   * stands in), it may claim nothing, and `?` asks to be shown. The catalogue is never lenient.
   */
  lenient?: boolean;
}

/** Reads a snippet's header and every claim in it; errors start with file:line:column. A `.py` or `.rb` file comments with `#`. */
export function parseSnippet(source: string, file: string, options: ParseOptions = {}): SnippetSource {
  const lines = source.split('\n');
  const comment = commentOf(file);
  const marker = claimMarkerOf(file);
  const header = comment === '#' ? /^# ?([A-Za-z-]+):(.*)$/ : /^\/\/ ?([A-Za-z-]+):(.*)$/;
  const reported: Record<string, string> = {};
  const nodeRanges: Record<string, NodeRange> = {};
  const found: Partial<Record<Directive, string>> = {};
  let headerLines = 0;
  for (const [i, line] of lines.entries()) {
    const m = header.exec(line);
    if (!m || line.startsWith(marker)) break;
    const [, name, rest] = m;
    const at = `${file}:${i + 1}:4`;
    if (!(name in DIRECTIVES)) {
      const known = Object.keys(DIRECTIVES).join(', ');
      throw new SnippetSyntaxError(`${at}: unknown header directive '${name}:' (known: ${known})`);
    }
    const text = rest.trim();
    if (!text) throw new SnippetSyntaxError(`${at}: '${comment} ${name}:' needs text after it`);
    headerLines = i + 1;
    if (name === 'reported') {
      const r = /^([a-z][a-z0-9]*) — (.+)$/.exec(text);
      if (!r) throw new SnippetSyntaxError(`${at}: write '// reported: platform — source'`);
      reported[r[1]] = r[2];
    } else if (name === 'node') {
      const r = /^([a-z][a-z0-9-]*) = (.+?) — (.+)$/.exec(text);
      if (!r) throw new SnippetSyntaxError(`${at}: write '// node: label = range — what changed (source)'`);
      if (!semver.validRange(r[2])) throw new SnippetSyntaxError(`${at}: '${r[2]}' is not a range of Node releases (write it as npm does: ^24.22.1 || >=26.12.1)`);
      if (nodeRanges[r[1]]) throw new SnippetSyntaxError(`${at}: the label '${r[1]}' is given twice`);
      nodeRanges[r[1]] = { range: r[2], why: r[3] };
    } else {
      if (found[name as Directive] !== undefined) throw new SnippetSyntaxError(`${at}: '// ${name}:' is given twice`);
      found[name as Directive] = text;
    }
  }
  if (!found.title && options.lenient) found.title = file.replace(/^.*\//, '').replace(/\.ts$/, '');
  if (!found.title) throw new SnippetSyntaxError(`${file}:1:1: a snippet starts with '${comment} title: …'`);
  let repetitions: number | undefined;
  if (found.repetitions !== undefined) {
    repetitions = Number(found.repetitions);
    if (!Number.isInteger(repetitions) || repetitions < 1 || repetitions > 10_000) {
      const line = lines.findIndex((l) => /^\/\/ ?repetitions:/.test(l)) + 1;
      throw new SnippetSyntaxError(`${file}:${line}:4: '// repetitions:' takes a whole number from 1 to 10000`);
    }
  }
  const claims = new Map<number, LineClaims>();
  const wireClaims = new Map<number, WireClaim>();
  const predict = new Set<number>();
  const asks = new Map<number, string[]>();
  for (const [i, line] of lines.entries()) {
    const at = claimStart(line, marker);
    if (at === -1) continue;
    if (!line.slice(0, at).trim()) throw new SnippetSyntaxError(`${file}:${i + 1}:${at + 1}: a claim stands on the line of the call it describes, not on a line of its own`);
    const text = line.slice(at + marker.length).trim();
    const asked: string[] = [];
    const lineClaims = parseClaim(text, `${file}:${i + 1}:${at + 1}`, options.lenient ? asked : undefined);
    if (asked.length) asks.set(i + 1, asked);
    if (text.split(/\s+[·;]\s+/).some((p) => p.trim() === PREDICT_MARK)) predict.add(i + 1);
    for (const key of Object.keys(lineClaims)) {
      const label = key.split(' ')[1];
      if (label !== undefined && !nodeRanges[label]) {
        throw new SnippetSyntaxError(`${file}:${i + 1}:${at + 1}: '${key}' names no range: add '// node: ${label} = range — what changed' to the header`);
      }
    }
    const keyed = Object.keys(lineClaims).filter((k) => k.includes(' '));
    for (const [n, x] of keyed.entries()) {
      const y = keyed.slice(n + 1).find((k) => platformOf(k) === platformOf(x) && semver.intersects(nodeRanges[x.split(' ')[1]].range, nodeRanges[k.split(' ')[1]].range));
      if (y) throw new SnippetSyntaxError(`${file}:${i + 1}:${at + 1}: '${x}' and '${y}' would both hold on some Node release: their ranges overlap`);
    }
    claims.set(i + 1, lineClaims);
    const wire = text.split(/\s+[·;]\s+/).find((part) => WIRE_KEY.test(part.trim()));
    if (wire === undefined) continue;
    const parsed = parseWireClaim(wire.trim().replace(WIRE_KEY, ''));
    if (typeof parsed === 'string') throw new SnippetSyntaxError(`${file}:${i + 1}:${line.indexOf('wire:', at) + 1}: ${parsed}`);
    wireClaims.set(i + 1, parsed);
  }
  if (claims.size === 0 && !options.lenient) {
    throw new SnippetSyntaxError(`${file}:1:1: a snippet claims what its calls return ('${marker} linux: …' on a call's line); this one claims nothing`);
  }
  let firstShownLine = headerLines + 1;
  while (firstShownLine <= lines.length && lines[firstShownLine - 1].trim() === '') firstShownLine++;
  return { title: found.title, reported, nodeRanges, varies: found.varies, slow: found.slow, repetitions, claims, wireClaims, predict, asks, headerLines, firstShownLine };
}

/** The platform a claim key is about: `linux` for both `linux` and `linux guarded`. */
export function platformOf(key: string): string {
  return key.split(' ')[0];
}

/**
 * The key of the claim that holds for `platform` on Node `node` among one line's claims: the
 * `platform label` one whose range holds `node`, else the plain `platform` one, else undefined.
 * Throws when two labels' ranges both hold `node` (the snippet would say two things at once).
 */
export function claimKeyFor(claims: LineClaims, snippet: Pick<SnippetSource, 'nodeRanges'>, platform: string, node: string): string | undefined {
  const keyed = Object.keys(claims).filter((k) => {
    const [p, label] = k.split(' ');
    return p === platform && label !== undefined && semver.satisfies(node, snippet.nodeRanges[label].range);
  });
  if (keyed.length > 1) throw new Error(`claims ${keyed.map((k) => `'${k}'`).join(' and ')} both hold on Node ${node}: their ranges overlap`);
  if (keyed.length === 1) return keyed[0];
  return claims[platform] ? platform : undefined;
}

/** The platforms a snippet claims something for, other than the one observed, that name no source. */
export function unsourcedPlatforms(snippet: SnippetSource, observedPlatform: string): string[] {
  const named = new Set<string>();
  for (const claims of snippet.claims.values()) for (const p of Object.keys(claims)) named.add(platformOf(p));
  return [...named].filter((p) => p !== observedPlatform && p !== SITE_PLATFORM && !snippet.reported[p]);
}

/**
 * The platform the site is built and published on: its claims are checked by every build of the
 * site, so elsewhere (a CI run on a Mac, say) they need no `// reported:` source.
 */
export const SITE_PLATFORM = 'linux';

// A packet timeline: the TCP segments that followed each call of a scenario, drawn at build time
// as SVG between two lanes, A and B, with no client JavaScript. Pure: steps in, markup out.
import type { CallRecord } from '../../observe/schema.ts';
import { counts } from '../../observe/wire.ts';
import { SIGPIPE_WORDS, resultText } from '../../observe/format.ts';
import { escapeHtml } from './inline.ts';
import type { Segment } from '../../snippets/lab/segments.ts';

/** One row of the timeline: a call (or a lab step like `tcpPair()`) and the segments that followed it. */
export interface TimelineStep {
  code: string;
  /** The side whose socket the call acts on. */
  side: 'a' | 'b';
  /** What the call returned (with SIGPIPE when it raised it); none for a lab step. */
  result?: string;
  wire: Segment[];
  /** How often each list of counted segments followed it, when that differed between runs. */
  varies?: Record<string, number>;
}

/** The side of the wire a call acts on, as the lab recorded its socket: B's peer socket and any server are B's. */
export function sideOf(call: Pick<CallRecord, 'socket'>): 'a' | 'b' {
  return call.socket === 'b' || call.socket === 'server' ? 'b' : 'a';
}

/** A call's code without a trailing `//` comment. */
const bare = (code: string) => code.replace(/\s*\/\/.*$/, '');

/** The steps of a scenario's calls, setup steps (making a pair) first where they came. */
export function timelineSteps(calls: CallRecord[]): TimelineStep[] {
  return calls.flatMap((c): TimelineStep[] => [
    ...(c.setup ?? []).map((s) => ({ code: bare(s.code), side: 'a' as const, wire: s.wire })),
    ...(c.wire
      ? [{ code: bare(c.code), side: sideOf(c), result: [resultText(c), ...(c.sigpipe ? [SIGPIPE_WORDS] : [])].join(' '), wire: c.wire, ...(c.wireCounts ? { varies: c.wireCounts } : {}) }]
      : []),
  ]);
}

/** The most characters of a call's code that fit beside its lane; longer ones end in '…' (the tooltip has all). */
const MAX_LABEL = 42;
/** The fewest characters of code kept beside a long result. */
const MIN_CODE = 16;

/** A segment's label on its arrow: flags, and the payload length when it carries one. */
export function segmentLabel(s: Segment): string {
  return `${s.flags}${s.len ? ` · ${s.len} B` : ''}${s.retransmit ? ' · again' : ''}`;
}

/** A segment in words, for its tooltip and the text equivalent. */
export function segmentText(s: Segment): string {
  const to = s.from === 'a' ? 'b' : 'a';
  const bytes = s.len === 1 ? '1 byte' : `${s.len} bytes`;
  return `${s.from} → ${to}: ${s.flags}, seq ${s.seq}, ack ${s.ack}, ${bytes}, window ${s.win}${s.retransmit ? ', a retransmission' : ''}`;
}

/** A step's call and what it returned: `a.read() → ECONNRESET`. */
const callWithResult = (st: TimelineStep) => (st.result === undefined ? st.code : `${st.code} → ${st.result}`);

/** The whole timeline in words: what each step returned and sent. */
export function timelineText(steps: TimelineStep[]): string {
  return steps
    .map((st) => `${callWithResult(st)}: ${st.wire.length ? st.wire.map((s) => `${s.from} sends ${s.flags}${s.len ? ` with ${s.len} bytes` : ''}`).join(', ') : 'nothing sent'}`)
    .join('; ');
}

const escape = escapeHtml;

/** Layout, in SVG user units (the SVG scales to its box). */
const W = 360;
const LANE = { a: 44, b: W - 44 };
const TOP = 34;
/** The room a call's label has beside its lane, and the width of one character of it (12 px monospace). */
const CALL_ROOM = W - LANE.a - 14;
const CALL_CHAR = 7.3;
/** A label too long for its room is narrowed to fit (textLength) rather than cut off by the SVG's edge. */
const fitted = (label: string) =>
  label.length * CALL_CHAR > CALL_ROOM ? ` textLength="${CALL_ROOM}" lengthAdjust="spacingAndGlyphs"` : '';
const CALL_ROW = 22;
const SEG_ROW = 26;
/** Past this many segments after one step, the rest are summed up on one line. */
const MAX_ARROWS = 8;

/** The kind of a segment, for its style: the flag that matters most. */
function kindOf(s: Segment): string {
  if (!counts(s)) return 'tl-ack';
  if (s.flags.includes('RST')) return 'tl-rst';
  if (s.flags.includes('FIN')) return 'tl-fin';
  if (s.flags.includes('SYN')) return 'tl-syn';
  return 'tl-data';
}

/** The rendered timeline: SVG markup, and its size in user units. */
export interface Timeline {
  svg: string;
  width: number;
  height: number;
  /** The text equivalent, also in the SVG's <title>. */
  text: string;
}

/**
 * Draws the steps: lanes A and B top to bottom, each call written on its own side of the space
 * between them, and below it an arrow for each segment that followed, labelled with its flags and
 * length. Pure ACKs and window updates are thin and dashed (they do not count towards the outcome).
 */
export function renderTimeline(steps: TimelineStep[], key: string): Timeline {
  const parts: string[] = [];
  let y = TOP;
  for (const st of steps) {
    y += CALL_ROW;
    const x = st.side === 'a' ? LANE.a + 10 : LANE.b - 10;
    const anchor = st.side === 'a' ? 'start' : 'end';
    const how = st.varies && Object.entries(st.varies).map(([w, n]) => `${w} in ${n} runs`).join('; ');
    // The code gives up room to the result, which is never cut.
    const returned = st.result === undefined ? '' : ` → ${st.result}`;
    const room = Math.max(MIN_CODE, MAX_LABEL - returned.length);
    const label = st.code.length > room ? `${st.code.slice(0, room - 1)}…` : st.code;
    const tip = [label !== st.code ? st.code : '', how ? `What followed this call differed between runs: ${how}` : ''].filter(Boolean).join('. ');
    parts.push(
      `<g class="tl-step">${tip ? `<title>${escape(tip)}</title>` : ''}` +
        `<circle class="tl-dot" cx="${LANE[st.side]}" cy="${y - 4}" r="4"/>` +
        `<text class="tl-call" x="${x}" y="${y}" text-anchor="${anchor}"${fitted(label + returned + (how ? ' *' : ''))}>${escape(label)}` +
        `${returned ? `<tspan class="tl-result">${escape(returned)}</tspan>` : ''}${how ? ' *' : ''}</text></g>`,
    );
    const shown = st.wire.length > MAX_ARROWS ? st.wire.slice(0, MAX_ARROWS - 1) : st.wire;
    for (const s of shown) {
      y += SEG_ROW;
      const [x1, x2] = s.from === 'a' ? [LANE.a, LANE.b] : [LANE.b, LANE.a];
      const y1 = y - 8;
      const y2 = y + 2;
      const dir = x2 > x1 ? -1 : 1;
      const head = `${x2},${y2} ${x2 + dir * 9},${y2 - 5} ${x2 + dir * 8},${y2 + 3}`;
      parts.push(
        `<g class="tl-seg ${kindOf(s)}"><title>${escape(segmentText(s))}</title>` +
          `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/><polygon points="${head}"/>` +
          `<text x="${W / 2}" y="${y1 + (y2 - y1) / 2 - 5}" text-anchor="middle">${escape(segmentLabel(s))}</text></g>`,
      );
    }
    if (shown.length < st.wire.length) {
      const rest = st.wire.slice(shown.length);
      const bytes = rest.reduce((n, s) => n + s.len, 0);
      y += SEG_ROW;
      parts.push(
        `<text class="tl-more" x="${W / 2}" y="${y - 4}" text-anchor="middle">… ${rest.length} more segments, ${bytes} bytes</text>`,
      );
    }
  }
  const height = y + 14;
  const text = timelineText(steps);
  const titleId = `tl-${key.replace(/[^a-z0-9]+/gi, '-')}`;
  const lanes =
    `<line class="tl-lane" x1="${LANE.a}" y1="${TOP - 6}" x2="${LANE.a}" y2="${height - 4}"/>` +
    `<line class="tl-lane" x1="${LANE.b}" y1="${TOP - 6}" x2="${LANE.b}" y2="${height - 4}"/>` +
    `<text class="tl-head" x="${LANE.a}" y="${TOP - 14}" text-anchor="middle">A</text>` +
    `<text class="tl-head" x="${LANE.b}" y="${TOP - 14}" text-anchor="middle">B</text>`;
  const svg =
    `<svg class="timeline" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="${titleId}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${titleId}">${escape(`Segments between A and B, one run: ${text}`)}</title>` +
    lanes +
    parts.join('') +
    `</svg>`;
  return { svg, width: W, height, text };
}

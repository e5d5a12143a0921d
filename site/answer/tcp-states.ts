// The TCP states a reader meets in the blocks, defined once, and a small diagram of the moves
// between them that this build's observations actually made: a state is drawn only if some call
// left a socket in it, an arrow only if some socket went from one to the other between two calls.
// The words are written by hand; every node and arrow comes from the observations. Pure.
import type { Observations } from '../../observe/schema.ts';

/** A state's plain meaning, and what a program on that side should do. */
export interface StateNote {
  /** One plain sentence. */
  meaning: string;
  /** Where the name comes from, and the kernel's name for it. */
  source: string;
}

/** The states, in the order a connection meets them; `gone` is this site's word, not TCP's. */
export const STATE_NOTES: Record<string, StateNote> = {
  SYN_SENT: { meaning: 'This side asked to connect (sent a SYN) and has had no answer yet.', source: 'RFC 9293 §3.3.2; Linux TCP_SYN_SENT' },
  ESTABLISHED: { meaning: 'Connected: both sides may send and receive.', source: 'RFC 9293 §3.3.2; Linux TCP_ESTABLISHED' },
  FIN_WAIT1: {
    meaning: 'This side closed (or shut down writing) and sent its FIN; the peer has not acknowledged it yet.',
    source: 'RFC 9293 §3.3.2 (FIN-WAIT-1); Linux TCP_FIN_WAIT1',
  },
  FIN_WAIT2: {
    meaning: "The peer acknowledged this side's FIN; this side now waits for the peer's own FIN. The peer may still send.",
    source: 'RFC 9293 §3.3.2 (FIN-WAIT-2); Linux TCP_FIN_WAIT2',
  },
  CLOSE_WAIT: {
    meaning: 'The peer closed its sending side (its FIN arrived), and this side has not closed yet. A read returns 0; the program should finish and close.',
    source: 'RFC 9293 §3.3.2 (CLOSE-WAIT); Linux TCP_CLOSE_WAIT',
  },
  LAST_ACK: { meaning: "This side closed after the peer did, and waits for the peer to acknowledge its FIN.", source: 'RFC 9293 §3.3.2 (LAST-ACK); Linux TCP_LAST_ACK' },
  CLOSING: { meaning: 'Both sides sent a FIN at the same time; each waits for the other to acknowledge it.', source: 'RFC 9293 §3.3.2; Linux TCP_CLOSING' },
  TIME_WAIT: {
    meaning: 'Closed in order on both sides; this side, which closed first, keeps the connection\'s addresses for a while (60 s on Linux) so that a late segment cannot be taken for a new connection\'s.',
    source: 'RFC 9293 §3.6.1 (TIME-WAIT); Linux TCP_TIME_WAIT, TCP_TIMEWAIT_LEN',
  },
  CLOSE: {
    meaning: "The connection is over but the socket is still open: it was reset, timed out or refused. The next call reports the pending error, if there is one.",
    source: "Linux TCP_CLOSE (RFC 9293's CLOSED)",
  },
  gone: {
    meaning: 'The kernel holds nothing for this connection any more: the socket was closed and nothing was left to finish.',
    source: "this site's word: sock_diag (ss) no longer lists the connection",
  },
};

/** The anchor of a state's definition on the states page. */
export function stateAnchor(state: string): string {
  return `state-${state.toLowerCase().replace(/_/g, '-')}`;
}

/** The states page. */
export const STATES_PAGE = '/states/';

/** The link to a state's definition, or undefined for a word that is not a state. */
export function stateHref(state: string): string | undefined {
  return state in STATE_NOTES ? `${STATES_PAGE}#${stateAnchor(state)}` : undefined;
}

/** States a connection may move on to from each state, in one sampled step (RFC 9293 Figure 5, plus CLOSE and gone). */
const FORWARD: Record<string, string[]> = {
  SYN_SENT: ['ESTABLISHED', 'CLOSE', 'gone'],
  ESTABLISHED: ['FIN_WAIT1', 'FIN_WAIT2', 'CLOSING', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSE', 'gone'],
  FIN_WAIT1: ['FIN_WAIT2', 'CLOSING', 'TIME_WAIT', 'CLOSE', 'gone'],
  FIN_WAIT2: ['TIME_WAIT', 'CLOSE', 'gone'],
  CLOSING: ['TIME_WAIT', 'CLOSE', 'gone'],
  CLOSE_WAIT: ['LAST_ACK', 'CLOSE', 'gone'],
  LAST_ACK: ['CLOSE', 'gone'],
  TIME_WAIT: ['gone'],
  CLOSE: ['gone'],
};

/** One observed move: from, to, and the scenarios it was seen in. */
export interface Move {
  from: string;
  to: string;
  ids: string[];
}

/**
 * The states sockets were left in after calls, and the moves between them from one call to the
 * next, for A's socket and for B's. A step that cannot be one connection moving on (back to
 * ESTABLISHED, say) is a new pair made in the same snippet, and is not a move.
 */
export function observedStates(observed: Observations): { states: string[]; moves: Move[] } {
  const seen = new Set<string>();
  const moves = new Map<string, Move>();
  for (const s of observed.scenarios) {
    if (s.skipped) continue;
    for (const side of ['a', 'b'] as const) {
      let prev: string | undefined;
      for (const c of s.calls) {
        const view = side === 'a' ? c : c.peer;
        const states = view?.stateCounts ? Object.keys(view.stateCounts) : view?.state ? [view.state] : [];
        for (const st of states) seen.add(st);
        const st = view?.state;
        if (!st) continue;
        if (prev && prev !== st && FORWARD[prev]?.includes(st)) {
          const key = `${prev}→${st}`;
          const m = moves.get(key) ?? { from: prev, to: st, ids: [] };
          if (!m.ids.includes(s.id)) m.ids.push(s.id);
          moves.set(key, m);
        }
        prev = st;
      }
    }
  }
  const order = Object.keys(STATE_NOTES);
  const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length);
  return { states: [...seen].sort((x, y) => rank(x) - rank(y) || x.localeCompare(y)), moves: [...moves.values()] };
}

/** Where each known state sits in the diagram (a layout, not an observation). */
const PLACE: Record<string, [number, number]> = {
  SYN_SENT: [80, 30], ESTABLISHED: [80, 150],
  FIN_WAIT1: [260, 60], FIN_WAIT2: [440, 60], CLOSING: [260, 150], TIME_WAIT: [440, 150],
  CLOSE_WAIT: [260, 250], LAST_ACK: [440, 250],
  CLOSE: [600, 150], gone: [600, 290],
};
const W = 130;
const H = 32;

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Where the segment from the centre of a box towards (tx, ty) leaves the box. */
function edgePoint([x, y]: [number, number], [tx, ty]: [number, number]): [number, number] {
  const dx = tx - x;
  const dy = ty - y;
  const sx = dx === 0 ? Infinity : W / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : H / 2 / Math.abs(dy);
  const k = Math.min(sx, sy);
  return [x + dx * k, y + dy * k];
}

/** The diagram as SVG markup: a box per observed state (linked to its definition), an arrow per observed move. */
export function stateDiagramSvg(states: string[], moves: Move[]): string {
  const extra = states.filter((s) => !PLACE[s]);
  const place = (s: string): [number, number] => PLACE[s] ?? [80 + 180 * extra.indexOf(s), 350];
  const height = extra.length ? 380 : 320;
  const arrows = moves
    .filter((m) => states.includes(m.from) && states.includes(m.to))
    .map((m) => {
      const [x1, y1] = edgePoint(place(m.from), place(m.to));
      const [x2, y2] = edgePoint(place(m.to), place(m.from));
      const title = `${m.from} → ${m.to}: seen in ${m.ids.join(', ')}`;
      return `<g class="move"><title>${esc(title)}</title><line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" marker-end="url(#state-arrow)"/></g>`;
    });
  const boxes = states.map((s) => {
    const [x, y] = place(s);
    const href = stateHref(s);
    const box = `<rect x="${x - W / 2}" y="${y - H / 2}" width="${W}" height="${H}" rx="6"/><text x="${x}" y="${y + 5}" text-anchor="middle">${esc(s)}</text>`;
    return href ? `<a href="${href}" class="state">${box}</a>` : `<g class="state">${box}</g>`;
  });
  return [
    `<svg class="state-diagram" viewBox="0 0 680 ${height}" aria-labelledby="state-diagram-title">`,
    `<title id="state-diagram-title">TCP states this build's sockets passed through: ${esc(states.join(', '))}; arrows: ${esc(moves.map((m) => `${m.from} to ${m.to}`).join(', '))}</title>`,
    '<defs><marker id="state-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
    ...arrows,
    ...boxes,
    '</svg>',
  ].join('\n');
}

/** Splits words about a socket ("IN RDHUP · CLOSE_WAIT") into plain text and state names with their links. */
export function linkStates(text: string): { text: string; href?: string }[] {
  const names = Object.keys(STATE_NOTES).sort((x, y) => y.length - x.length);
  const re = new RegExp(`\\b(${names.join('|')})\\b`, 'g');
  const parts: { text: string; href?: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > at) parts.push({ text: text.slice(at, m.index) });
    parts.push({ text: m[0], href: stateHref(m[0]) });
    at = m.index! + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}

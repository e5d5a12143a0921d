// The segments on the wire, as outcomes and as claims. A claim rides on a call's line beside the
// platform claims, and names the segments that must follow the call, in order:
//
//   b.close();   //=> linux: 0 · wire: b RST
//   b.close();   //=> linux: 0 · wire: b FIN
//   a.write('x') //=> linux: 1 · wire: a PSH 1, b RST
//   a.poll();    //=> linux: IN RDHUP · wire: none
//
// Each segment is who sent it (a or b), flags it must carry (others may be set too: the FIN above
// is really FIN ACK), and optionally its payload length. Only the segments that count are
// compared: SYN, FIN, RST or payload, sent for the first time. Pure ACKs, window updates and
// retransmissions are recorded and drawn but never compared: timers decide when they go.
//
// Segments are not part of a scenario's outcome (assemble.ts): like TCP states, they are counted
// per call when they differ between runs. Two threads' segments can even reach the peer in the
// other order on loopback, which queues packets per CPU. A wire claim must hold in every run.
import { TCP_FLAGS, type Segment } from '../snippets/lab/segments.ts';

/** One claimed segment: its sender, flags it must carry, and its payload length when given. */
export interface ClaimedSegment {
  from: 'a' | 'b';
  flags: string[];
  len?: number;
}

/** A wire claim as written, and parsed; `segments` is empty for `none`. */
export interface WireClaim {
  text: string;
  segments: ClaimedSegment[];
}

/** Whether a segment counts towards the outcome: it opens, closes or resets, or carries data, the first time. */
export function counts(s: Segment): boolean {
  return !s.retransmit && (s.len > 0 || /\b(SYN|FIN|RST)\b/.test(s.flags));
}

/** Segments as one short phrase: 'b FIN ACK, a ACK', with payload lengths ('a PSH ACK 5'); 'none' when empty. */
export function formatWire(wire: Segment[]): string {
  if (!wire.length) return 'none';
  return wire.map((s) => `${s.from} ${s.flags}${s.len ? ` ${s.len}` : ''}${s.retransmit ? ' (again)' : ''}`).join(', ');
}

/** The segments that count, and how many others went with them: 'b RST ACK', 'a PSH ACK 5 +1 ACK', 'none +2 again'. */
export function summarizeWire(wire: Segment[]): string {
  const again = wire.filter((s) => s.retransmit).length;
  const acks = wire.filter((s) => !counts(s) && !s.retransmit).length;
  return formatWire(wire.filter(counts)) + (acks ? ` +${acks} ACK` : '') + (again ? ` +${again} again` : '');
}

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
      return `'${part}' would be a pure ACK, which is never checked (delayed-ACK timers decide when one goes): claim SYN, FIN, RST or a payload length`;
    }
    segments.push(seg);
  }
  return { text: trimmed, segments };
}

/** Whether the segments that count after a call are exactly the claimed ones, in order. */
export function wireAgrees(claim: WireClaim, wire: Segment[]): boolean {
  const counted = wire.filter(counts);
  return (
    counted.length === claim.segments.length &&
    claim.segments.every((c, i) => {
      const s = counted[i];
      const flags = s.flags.split(' ');
      return s.from === c.from && c.flags.every((f) => flags.includes(f)) && (c.len === undefined || c.len === s.len);
    })
  );
}

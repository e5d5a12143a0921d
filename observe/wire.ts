// The segments on the wire, as outcomes and as claims. A claim rides on a call's line beside the
// platform claims (its grammar is in snippets/lab/syntax.ts), and names the segments that must
// follow the call, in order:
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
import type { Segment } from '../snippets/lab/segments.ts';
import type { WireClaim } from '../snippets/lab/syntax.ts';

/** Whether a segment is compared between runs and against claims: it opens, closes or resets, or carries data, the first time. */
export function counts(s: Segment): boolean {
  return !s.retransmit && (s.len > 0 || /\b(SYN|FIN|RST)\b/.test(s.flags));
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

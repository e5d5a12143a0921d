// Predict mode for one snippet (observe/snippet.ts --predict): which calls to ask about, how a
// student's answer is judged against what the kernel returned, and the words for each step. Pure:
// snippet.ts runs the snippet, reads the answers and prints what this returns.
import { withoutClaims, type SnippetSource } from '../snippets/lab/syntax.ts';
import { resultLine, SIGPIPE_WORDS } from './format.ts';
import type { CallRecord } from './schema.ts';

/** The calls to ask about: those marked `predict` or claimed `?`, else (nothing marked) every call. */
export function questions(calls: CallRecord[], snippet: Pick<SnippetSource, 'predict' | 'asks'>): CallRecord[] {
  const marked = calls.filter((c) => snippet.predict.has(c.line) || snippet.asks.has(c.line));
  return marked.length ? marked : calls;
}

/** How an answer compares with the result. */
export type Judgement = 'right' | 'partly' | 'wrong' | 'skipped';

/** One word the way the lab writes it: errno names and flags upper case, events lower case. */
function normal(text: string): string {
  return text.trim().replace(/\s+/g, ' ').replace(/^['"]|['"]$/g, '').toLowerCase();
}

/**
 * Judges a student's answer: right when it names the result (any case; `EPIPE + SIGPIPE` or
 * `EPIPE and SIGPIPE` for a write that raised the signal), partly when it names the result but not
 * the signal that came with it, or the signal that did not; skipped when empty.
 */
export function judge(answer: string, call: Pick<CallRecord, 'result' | 'sigpipe'>): Judgement {
  const said = normal(answer);
  if (!said) return 'skipped';
  const m = /^(.*?)(?:\s*(?:\+|and|with)\s*sigpipe)?$/.exec(said)!;
  const value = m[1].trim();
  const signal = m[0] !== m[1];
  if (value !== normal(String(call.result))) return 'wrong';
  return signal === !!call.sigpipe ? 'right' : 'partly';
}

/**
 * The program lines a student reads before the question about `line`: those after `after` (the
 * line of the previous question, or the header), without claim comments and blank lines.
 */
export function contextLines(source: string[], after: number, line: number): string[] {
  return source
    .slice(after, line - 1)
    .map((l) => withoutClaims(l).trimEnd())
    .filter((l) => l.trim() !== '')
    .map((l) => `      ${l}`);
}

/** The question for a call, as printed before the student answers. */
export function questionLine(call: Pick<CallRecord, 'line' | 'code'>, n: number, of: number): string {
  return `(${n}/${of}) line ${call.line}: ${call.code}\n      what will it return? `;
}

/** What is printed after the answer: the observation, and whether the student was right. */
export function answerLine(answer: string, call: CallRecord): string {
  const seen = resultLine(call);
  switch (judge(answer, call)) {
    case 'right':
      return `      ✓ right: ${seen}`;
    case 'partly':
      return call.sigpipe
        ? `      ≈ nearly: ${seen} (the call also raised SIGPIPE)`
        : `      ≈ nearly: ${seen} (no ${SIGPIPE_WORDS.replace('+ ', '')} this time)`;
    case 'wrong':
      return `      ✗ the kernel said ${seen} (you said ${answer.trim()})`;
    case 'skipped':
      return `      → ${seen}`;
  }
}

/** The closing line: how many answers were right. */
export function scoreLine(judged: Judgement[]): string {
  const right = judged.filter((j) => j === 'right').length;
  const answered = judged.filter((j) => j !== 'skipped').length;
  const next = judged.some((j) => j === 'wrong' || j === 'partly') ? 'Explain each ✗ and ≈ to yourself, then change one line and predict again.' : 'Now change one line and predict again.';
  return `${right} of ${judged.length} right${answered < judged.length ? ` (${judged.length - answered} not answered)` : ''}. ${next}`;
}

// Predict mode (observe/snippet.ts --predict) and the syntax it rests on: `· predict` marks the
// calls worth asking about, `?` asks to be shown (only in a student's own run), a student's own
// file may leave out its title and claims; answers are judged against the result and its SIGPIPE.
import { describe, expect, it } from 'vitest';
import { answerLine, contextLines, judge, questions, scoreLine } from '../../observe/predict.ts';
import type { CallRecord } from '../../observe/schema.ts';
import { parseSnippet, SnippetSyntaxError, withQuestions } from '../../snippets/lab/syntax.ts';

const call = (line: number, code: string, result: number | string, sigpipe = false): CallRecord =>
  ({ line, code, result, sigpipe, poll: [], claims: {}, verdict: 'unclaimed' }) as unknown as CallRecord;

describe('the predict mark and `?`', () => {
  const src = ['// title: t', "b.close();  //=> linux: 0", 'a.read();   //=> linux: ECONNRESET · predict', 'a.read();   //=> linux: ?'].join('\n');
  it('marks the lines worth predicting, and takes `?` as no claim in a lenient parse', () => {
    const s = parseSnippet(src, 'mine.ts', { lenient: true });
    expect([...s.predict]).toEqual([3]);
    expect([...s.asks.entries()]).toEqual([[4, ['linux']]]);
    expect(s.claims.get(3)).toEqual({ linux: ['ECONNRESET'] });
    expect(s.claims.get(4)).toEqual({});
  });
  it('refuses `?` in the catalogue, naming the line', () => {
    expect(() => parseSnippet(src, 'snippets/tcp/x.ts')).toThrow(SnippetSyntaxError);
    expect(() => parseSnippet(src, 'snippets/tcp/x.ts')).toThrow(/^snippets\/tcp\/x\.ts:4:13: 'linux: \?' \(show me\) is for a snippet of your own/);
  });
  it('lets a student\'s own file leave out its title and every claim', () => {
    const s = parseSnippet("import { socketpair } from '../lab/index.ts';\nconst [a, b] = socketpair('unix', 'stream');\na.read();", 'snippets/mine/first.ts', { lenient: true });
    expect(s.title).toBe('first');
    expect(s.claims.size).toBe(0);
    expect(() => parseSnippet('a.read();', 'snippets/tcp/x.ts')).toThrow(/a snippet starts with/);
  });
  it('turns the marked claims into `?` and drops the others, for a block to copy', () => {
    expect(withQuestions(src, 'linux').split('\n')).toEqual(['// title: t', 'b.close();', 'a.read();   //=> linux: ?', 'a.read();   //=> linux: ?']);
  });
});

describe('asking and judging', () => {
  const calls = [call(2, 'b.close()', 0), call(3, 'a.write(\'x\')', 'EPIPE', true), call(4, 'a.read()', 'ECONNRESET')];
  it('asks about the marked calls, or every call when none is marked', () => {
    expect(questions(calls, { predict: new Set([3]), asks: new Map([[4, ['linux']]]) }).map((c) => c.line)).toEqual([3, 4]);
    expect(questions(calls, { predict: new Set(), asks: new Map() }).map((c) => c.line)).toEqual([2, 3, 4]);
  });
  it('judges an answer in any case, with or without the signal', () => {
    expect(judge('econnreset', calls[2])).toBe('right');
    expect(judge('  ', calls[2])).toBe('skipped');
    expect(judge('0', calls[2])).toBe('wrong');
    expect(judge('EPIPE + SIGPIPE', calls[1])).toBe('right');
    expect(judge('epipe and sigpipe', calls[1])).toBe('right');
    expect(judge('EPIPE', calls[1])).toBe('partly');
    expect(judge('ECONNRESET + SIGPIPE', calls[2])).toBe('partly');
  });
  it('says what the kernel returned after each answer, and the score at the end', () => {
    expect(answerLine('0', calls[2])).toBe('      ✗ the kernel said ECONNRESET (you said 0)');
    expect(answerLine('EPIPE', calls[1])).toBe('      ≈ nearly: EPIPE + SIGPIPE (the call also raised SIGPIPE)');
    expect(answerLine('', calls[0])).toBe('      → 0');
    expect(scoreLine(['right', 'wrong', 'skipped'])).toBe('1 of 3 right (1 not answered). Explain each ✗ and ≈ to yourself, then change one line and predict again.');
    expect(scoreLine(['right', 'right'])).toBe('2 of 2 right. Now change one line and predict again.');
  });
  it('shows the program up to each question, without claims or blank lines', () => {
    const source = ['// title: t', '', 'const [a, b] = pair();', 'b.close(); //=> linux: 0', 'a.read(); //=> linux: 0 · predict'];
    expect(contextLines(source, 1, 5)).toEqual(['      const [a, b] = pair();', '      b.close();']);
  });
});

// The question's own Ruby examples: which program runs each (snippets/ruby/question-*.rb), the call
// whose result it printed, the TypeScript twin that makes the same system calls, and what the 2010
// answer said the call printed on Linux and on OS X, quoted as reported (never observed here).
// The results this build gives come from the observations (QuestionExamples.astro).

/** Where the quoted words come from. */
export const QUESTION_SOURCE = 'the 2010 Stack Overflow answer this site grew from (its Linux and OS X versions are not stated)';

/** One of the question's examples. */
export interface QuestionExample {
  /** How the answer names it. */
  name: string;
  /** The Ruby program that runs it on this build. */
  id: string;
  /** The call whose result the answer printed, as the program has it. */
  call: string;
  /** The TypeScript scenario that makes the same system calls. */
  twin: string;
  /** The answer's words for that call's result, quoted. */
  said: { linux: string; darwin: string };
}

/** The examples, in the answer's order. */
export const QUESTION_EXAMPLES: QuestionExample[] = [
  { name: 'EPIPE', id: 'ruby/question-write-after-close', call: 'a.write("foo")', twin: 'unix-stream/peer-closed-then-write', said: { linux: 'EPIPE, on all OSes', darwin: 'EPIPE, on all OSes' } },
  { name: '0 bytes', id: 'ruby/question-read-after-close', call: 'a.read', twin: 'unix-stream/peer-closed-then-read', said: { linux: '0 bytes, on all OSes', darwin: '0 bytes, on all OSes' } },
  { name: 'Example 1', id: 'ruby/question-example-1', call: 'a.read', twin: 'unix-stream/peer-closed-unread-then-read', said: { linux: 'ECONNRESET', darwin: 'returns 0 bytes' } },
  { name: 'Example 2', id: 'ruby/question-example-2', call: 'c.read', twin: 'tcp/peer-closed-unread-then-read', said: { linux: 'ECONNRESET', darwin: 'returns 0 bytes' } },
  { name: 'Example 3', id: 'ruby/question-example-3', call: 'a.write("world")', twin: 'unix-stream/peer-closed-unread-then-write', said: { linux: 'EPIPE and not ECONNRESET', darwin: 'EPIPE and not ECONNRESET' } },
  { name: 'Example 4', id: 'ruby/question-example-4', call: 'c.write("world")', twin: 'tcp/peer-closed-unread-then-write', said: { linux: 'ECONNRESET', darwin: 'no error' } },
];

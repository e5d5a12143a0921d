// Where in a snippet something went wrong: the line a value of any kind was thrown from (a
// thrown 42 carries no stack, so the debugger is asked), and a syntax error's line and column.
import { Session } from 'node:inspector';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { projectRoot } from './catalogue.ts';

/** A place in a source file: `file:line:column`, the file relative to the project. */
export interface Place {
  file: string;
  line: number;
  column?: number;
}

/** `file:line[:column]`. */
export function placeText(p: Place): string {
  return `${relative(projectRoot, p.file)}:${p.line}${p.column ? `:${p.column}` : ''}`;
}

const pathOf = (url: string) => (url.startsWith('file://') ? fileURLToPath(url.replace(/\?.*$/, '')) : url);

/**
 * Watches every throw in this thread through the inspector, and remembers the last place in one
 * of the `files` a value was thrown from (or passed through, when a library call threw).
 */
export class ThrowWatcher {
  private readonly urls = new Map<string, string>();
  private last: Place | undefined;
  private readonly files: () => Set<string>;

  constructor(files: () => Set<string>) {
    this.files = files;
    try {
      const session = new Session();
      session.connect();
      session.on('Debugger.scriptParsed', (m) => {
        if (m.params.url.startsWith('file://')) this.urls.set(m.params.scriptId, pathOf(m.params.url));
      });
      session.on('Debugger.paused', (m) => {
        for (const frame of m.params.callFrames) {
          const file = this.urls.get(frame.location.scriptId);
          if (file && this.files().has(file)) {
            this.last = { file, line: frame.location.lineNumber + 1, column: (frame.location.columnNumber ?? 0) + 1 };
            break;
          }
        }
        session.post('Debugger.resume');
      });
      session.post('Debugger.enable');
      session.post('Debugger.setPauseOnExceptions', { state: 'all' });
    } catch {
      // No inspector in this Node: places then come from stacks only.
    }
  }

  /** Forgets the last throw (at the start of a repetition). */
  reset(): void {
    this.last = undefined;
  }

  /** Where the last value was thrown from in one of the files, if anywhere. */
  lastThrow(): Place | undefined {
    return this.last;
  }
}

/** A syntax error's place, from the source excerpt Node puts at the top of its stack. */
export function syntaxErrorPlace(e: unknown): Place | undefined {
  if (!(e instanceof SyntaxError) || !e.stack) return undefined;
  const lines = e.stack.split('\n');
  const head = /^(.+):(\d+)$/.exec(lines[0]);
  if (!head) return undefined;
  const caret = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
  return { file: pathOf(head[1]), line: Number(head[2]), ...(caret > 0 ? { column: lines[caret].indexOf('^') + 1 } : {}) };
}

/** The first frame of a stack that is in one of the files. */
export function framePlace(stack: string | undefined, files: Set<string>): Place | undefined {
  for (const frame of (stack ?? '').split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?$/.exec(frame.trim());
    if (m && files.has(pathOf(m[1]))) return { file: pathOf(m[1]), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** A thrown value in one line: an Error's first message line, anything else as written. */
export function thrownText(value: unknown): string {
  if (value instanceof Error) return (value.message || value.name).split('\n')[0];
  return `threw ${inspect(value, { depth: 1, breakLength: Infinity }).slice(0, 200)}`;
}

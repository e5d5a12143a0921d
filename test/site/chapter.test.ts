// The built chapter "The question": the six original cases are there, reported results are
// marked apart from observed ones, and the code shown is the whole snippet file.
// (Observed values, anchors and provenance of every block on every page: pages.test.ts.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../helpers/built-site.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';

const page = parseFile(join(builtSite().dist, 'the-question/index.html'));

/** The scenario block of an id. */
function block(id: string): El {
  const found = findAll(page, (el) => el.tagName === 'section' && attr(el, 'id') === id);
  expect(found, `no block for ${id}`).toHaveLength(1);
  return found[0];
}

describe('the chapter "The question"', () => {
  it('places the six cases of the original question', () => {
    for (const id of [
      'unix-stream/peer-closed-then-write', 'unix-stream/peer-closed-then-read', 'unix-stream/peer-closed-unread-then-read',
      'tcp/peer-closed-unread-then-read', 'unix-stream/peer-closed-unread-then-write', 'tcp/peer-closed-unread-then-write',
    ]) {
      block(id);
    }
  });

  it('marks reported results as reported, with their source', () => {
    const b = block('unix-stream/peer-closed-unread-then-read');
    const reported = findAll(b, (el) => el.tagName === 'td' && hasClass(el, 'reported')).map((td) => textOf(td).trim());
    expect(reported).toContain('0');
    expect(textOf(b)).toContain('2010 Stack Overflow answer');
  });

  it('shows the whole file that ran, header included, so that a copy of it runs as it is', () => {
    const code = textOf(findAll(block('tcp/peer-closed-unread-then-read'), (el) => hasClass(el, 'expressive-code'))[0]);
    expect(code).toContain('tcpPair');
    expect(code).toContain('// title:');
  });
});

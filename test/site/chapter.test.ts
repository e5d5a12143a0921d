// The built chapter "The question": the six original cases are there, reported results are
// marked apart from observed ones, and the code shown is the snippet without its header.
// (Observed values, anchors and provenance of every block on every page: pages.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';

const html = readFileSync(join(projectRoot, 'dist/the-question/index.html'), 'utf8');

/** The HTML of one scenario block. */
function block(id: string): string {
  const start = html.indexOf(`<section class="scenario not-content" id="${id}"`);
  expect(start, `no block for ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the chapter "The question"', () => {
  it('places the six cases of the original question', () => {
    for (const id of [
      'unix-stream/peer-closed-then-write', 'unix-stream/peer-closed-then-read', 'unix-stream/peer-closed-unread-then-read',
      'tcp/peer-closed-unread-then-read', 'unix-stream/peer-closed-unread-then-write', 'tcp/peer-closed-unread-then-write',
    ]) {
      expect(html).toContain(`data-scenario="${id}"`);
    }
  });

  it('marks reported results as reported, with their source', () => {
    const b = block('unix-stream/peer-closed-unread-then-read');
    expect(b).toMatch(/<td class="reported"[^>]*><span class="reported-value"[^>]*>0<\/span>/);
    expect(b).toContain('2010 Stack Overflow answer');
  });

  it('shows the code that ran, without its header comments', () => {
    const b = block('tcp/peer-closed-unread-then-read');
    expect(b).toContain('tcpPair');
    expect(b).not.toContain('// title:');
  });
});

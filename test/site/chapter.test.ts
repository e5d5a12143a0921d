// The built chapter against this build's observations: every call's observed value and the
// provenance are in the HTML, observed and reported are marked apart, every block has its anchor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/contract.ts';

const observed = parseObservations(readFileSync(join(projectRoot, 'site/generated/observations.json'), 'utf8'), 'observations.json');
const html = readFileSync(join(projectRoot, 'dist/the-question/index.html'), 'utf8');

/** The HTML of one scenario block. */
function block(id: string): string {
  const start = html.indexOf(`<section class="scenario not-content" id="${id}"`);
  expect(start, `no block for ${id}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

const onPage = observed.scenarios.filter((s) => html.includes(`data-scenario="${s.id}"`));

describe('the chapter "The question"', () => {
  it('places the six cases of the original question', () => {
    for (const id of [
      'unix-stream/peer-closed-then-write', 'unix-stream/peer-closed-then-read', 'unix-stream/peer-closed-unread-then-read',
      'tcp/peer-closed-unread-then-read', 'unix-stream/peer-closed-unread-then-write', 'tcp/peer-closed-unread-then-write',
    ]) {
      expect(html).toContain(`data-scenario="${id}"`);
    }
  });

  it.each(onPage.map((s) => [s.id, s] as const))('%s shows every observed value, in order', (id, s) => {
    const shown = [...block(id).matchAll(/data-observed="([^"]*)"/g)].map((m) => m[1]);
    expect(shown).toEqual(s.calls.map((c) => String(c.result)));
  });

  it.each(onPage.map((s) => [s.id, s] as const))('%s links to itself and states its provenance', (id) => {
    const b = block(id);
    expect(b).toContain(`href="#${id}"`);
    const p = observed.provenance;
    for (const part of [p.release, p.node, p.observedAt.slice(0, 10), p.commit]) expect(b).toContain(part);
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

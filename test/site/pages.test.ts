// Every built page against this build's observations: each scenario block shows every call's
// observed value in order, links to itself and states its provenance; every TCP id is placed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, scenarioIds } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/contract.ts';

const dist = join(projectRoot, 'dist');
const observed = parseObservations(readFileSync(join(projectRoot, 'site/generated/observations.json'), 'utf8'), 'observations.json');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? pages(join(dir, d.name)) : d.name === 'index.html' ? [join(dir, d.name)] : [],
  );
}

/** Every scenario block of every page: page, id, and the block's HTML. */
const blocks = pages(dist).flatMap((file) => {
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<section class="scenario not-content" id="([^"]+)"[^>]*>/g)].map((m) => ({
    page: relative(dist, file),
    id: m[1],
    html: html.slice(m.index, html.indexOf('</section>', m.index)),
  }));
});

describe('built pages', () => {
  it('place every TCP scenario of the catalogue on some page', () => {
    const placed = new Set(blocks.map((b) => b.id));
    const tcp = scenarioIds().filter((id) => id.startsWith('tcp/'));
    expect(tcp).toHaveLength(20);
    expect(tcp.filter((id) => !placed.has(id))).toEqual([]);
  });

  it('place every Unix-domain scenario on some page', () => {
    const placed = new Set(blocks.map((b) => b.id));
    const unix = scenarioIds().filter((id) => id.startsWith('unix-'));
    expect(unix.length).toBeGreaterThanOrEqual(23);
    expect(unix.filter((id) => !placed.has(id))).toEqual([]);
  });

  it.each(blocks.map((b) => [`${b.page} #${b.id}`, b] as const))('%s: observed values, anchor, provenance', (_, b) => {
    const s = observed.scenarios.find((x) => x.id === b.id)!;
    expect(s, `${b.id} is not in the observations`).toBeDefined();
    expect(b.html).toContain(`href="#${b.id}"`);
    if (s.skipped) {
      expect(b.html).toContain('Not observed on this build');
      expect(b.html).not.toContain('data-observed=');
      return;
    }
    const shown = [...b.html.matchAll(/data-observed="([^"]*)"/g)].map((m) => m[1]);
    expect(shown).toEqual(s.calls.map((c) => String(c.result)));
    const p = observed.provenance;
    for (const part of [p.release, p.node, p.observedAt.slice(0, 10), p.commit.replace(/-dirty$/, '')]) expect(b.html).toContain(part);
  });

  it('hide the claims in predict-then-look blocks until the answer is opened', () => {
    const b = blocks.find((x) => x.page === 'tcp/half-close/index.html' && x.id === 'tcp/shutdown-read')!;
    const code = b.html.slice(0, b.html.indexOf('<ol class="predict">'));
    expect(code).not.toContain('//=&gt;');
    expect(b.html).toMatch(/<details>\s*<summary>\s*What will <code>b\.shutdown\(&#39;RD&#39;\)<\/code> return\?/);
  });
});

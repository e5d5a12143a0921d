// Packet timelines in the built pages: every TCP block draws the segments captured on this build
// (or says why it cannot), every Unix block says nothing crosses a wire, and the two closes of
// the issue show what they sent: an RST with bytes unread, a FIN without.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { parseObservations } from '../../observe/contract.ts';

const dist = join(projectRoot, 'dist');
const observed = parseObservations(readFileSync(join(projectRoot, 'site/generated/observations.json'), 'utf8'), 'observations.json');

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? pages(join(dir, d.name)) : d.name === 'index.html' ? [join(dir, d.name)] : [],
  );
}

const blocks = pages(dist).flatMap((file) => {
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<section class="scenario not-content" id="([^"]+)"[^>]*>/g)].map((m) => ({
    id: m[1],
    html: html.slice(m.index, html.indexOf('</section>', m.index)),
  }));
});

/** The arrow kinds that follow a call's label in a block's timeline, up to the next call. */
function after(html: string, code: string): string[] {
  const svg = html.slice(html.indexOf('<svg class="timeline"'));
  const at = svg.indexOf(`>${code.replace(/'/g, '&#39;')}</text>`);
  expect(at, `no ${code} in the timeline`).toBeGreaterThan(-1);
  const rest = svg.slice(at);
  const next = rest.indexOf('<g class="tl-step">');
  return [...(next === -1 ? rest : rest.slice(0, next)).matchAll(/<g class="tl-seg (tl-\w+)"><title>([^<]*)<\/title>/g)].map((m) => `${m[1]} ${m[2]}`);
}

describe('packet timelines', () => {
  it.each(blocks.map((b) => [b.id, b] as const))('%s: a timeline, or why there is none', (_, b) => {
    const s = observed.scenarios.find((x) => x.id === b.id)!;
    if (s.skipped) return;
    if (b.id.startsWith('unix-')) expect(b.html).toContain('Nothing crosses a wire here');
    else if (s.wireUnavailable) expect(b.html).toContain('Packets were not captured on this build');
    else {
      expect(b.html).toMatch(/<svg class="timeline" viewBox="[^"]+" role="img" aria-labelledby="tl-[^"]+"/);
      expect(b.html).toMatch(/<div class="timeline-wrap" tabindex="0" role="region" aria-label="Packet timeline of /);
    }
  });

  const capturedHere = !observed.scenarios.find((s) => s.id === 'tcp/peer-closed-then-read')?.wireUnavailable;
  it.skipIf(!capturedHere)('b.close() with bytes unread sends an RST from B; without, a FIN', () => {
    const unread = blocks.find((b) => b.id === 'tcp/peer-closed-unread-then-read')!;
    expect(after(unread.html, 'b.close()')[0]).toMatch(/^tl-rst b → a: RST ACK/);
    const orderly = blocks.find((b) => b.id === 'tcp/peer-closed-then-read')!;
    expect(after(orderly.html, 'b.close()')[0]).toMatch(/^tl-fin b → a: FIN ACK/);
  });
});

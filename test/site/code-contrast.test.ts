// The colours of code, in both themes: every token colour Expressive Code wrote into the built pages
// (`--0` is the dark theme's, `--1` the light theme's; a token without one shows the code's own
// foreground) reaches 4.5:1 against the code background of that theme (WCAG 2.2, 1.4.3 Contrast
// (Minimum), with its definition of relative luminance). axe-core in Chromium sees only the theme
// the page opens in (light, in a headless browser), and checks every other text on the page; code
// tokens are left to this test (test/e2e/pages.browser.test.ts excludes them), which covers both
// themes on every page at once. Tokens sit on the code background: no built line is marked (a
// marked line would have a tint of its own), which is checked too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtSite } from '../helpers/built-site.ts';
import { builtPages } from '../helpers/pages.ts';

/** WCAG's relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const site = builtSite();
const css = readdirSync(join(site.dist, '_astro')).filter((f) => /^ec\..*\.css$/.test(f)).map((f) => readFileSync(join(site.dist, '_astro', f), 'utf8')).join('\n');
const html = builtPages().map((p) => ({ path: p.path, text: readFileSync(p.file, 'utf8') }));

/** A custom property's values in Expressive Code's CSS, by the selector of the rule that sets it. */
function themeValues(name: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of css.matchAll(new RegExp(`([^{}]*)\\{[^{}]*?--ec-${name}:(#[0-9a-fA-F]{6})\\b`, 'g'))) found.set(m[1]!.trim(), m[2]!.toLowerCase());
  return found;
}

/**
 * The dark theme's value (the base rule, on :root and dark code blocks) and the light theme's (its
 * own rule, when the light theme sets one; else the base applies to both).
 */
function perTheme(name: string): { dark: string; light: string } {
  const all = [...themeValues(name)];
  const dark = all.find(([sel]) => sel.includes(".expressive-code[data-theme='dark']"))?.[1];
  const light = all.find(([sel]) => sel.includes(".expressive-code[data-theme='light']"))?.[1] ?? dark;
  if (!dark || !light) throw new Error(`--ec-${name}: no value for the code blocks in the built CSS (${all.map(([s, v]) => `${s} → ${v}`).join('; ') || 'no rule sets it'})`);
  return { dark, light };
}

describe('code colours against the code background, dark and light', () => {
  const bg = perTheme('codeBg');
  const fg = perTheme('codeFg');
  const tokens = new Map<string, Set<string>>(); // "dark|light" colour pair → pages
  for (const page of html) {
    for (const m of page.text.matchAll(/<span style="--0:(#[0-9A-Fa-f]{6})(?:;--1:(#[0-9A-Fa-f]{6}))?"/g)) {
      const key = `${m[1]!.toLowerCase()}|${(m[2] ?? fg.light).toLowerCase()}`;
      if (!tokens.has(key)) tokens.set(key, new Set());
      tokens.get(key)!.add(page.path);
    }
  }

  it('finds the colours of every page that shows code, in both themes', () => {
    const withCode = html.filter((p) => p.text.includes('class="expressive-code"')).map((p) => p.path);
    const withTokens = new Set([...tokens.values()].flatMap((pages) => [...pages]));
    expect(withCode.length, 'pages with code blocks').toBeGreaterThan(0);
    expect(withCode.filter((p) => !withTokens.has(p)), 'pages whose code has no token colours read').toEqual([]);
    expect([...tokens.keys()].some((k) => k.split('|')[0] !== k.split('|')[1]), 'the two themes differ').toBe(true);
  });

  it('no code line carries a tint of its own (tokens sit on the code background)', () => {
    const marked = html.flatMap((p) => [...p.text.matchAll(/class="ec-line ([^"]+)"/g)].map((m) => `${p.path}: ec-line ${m[1]}`));
    expect(marked).toEqual([]);
  });

  it('the plain code text reaches 4.5:1 in each theme', () => {
    expect(contrast(fg.dark, bg.dark), `dark ${fg.dark} on ${bg.dark}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(fg.light, bg.light), `light ${fg.light} on ${bg.light}`).toBeGreaterThanOrEqual(4.5);
  });

  it('every token colour reaches 4.5:1 in each theme', () => {
    const low: string[] = [];
    for (const [key, pages] of tokens) {
      const [dark, light] = key.split('|') as [string, string];
      for (const [theme, colour, back] of [['dark', dark, bg.dark], ['light', light, bg.light]] as const) {
        const ratio = contrast(colour, back);
        if (ratio < 4.5) low.push(`${theme}: ${colour} on ${back} is ${ratio.toFixed(2)}:1 (on ${[...pages].slice(0, 3).join(', ')})`);
      }
    }
    expect(low).toEqual([]);
  });
});

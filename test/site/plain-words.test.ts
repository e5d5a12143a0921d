// Plain words first (issue 17): on every page, the reader's text names no kernel function, kernel
// source file or RFC section (those live in a collapsible "Under the hood" note, still cited), and
// every section opens with a paragraph whose first sentence is short.
import { describe, expect, it } from 'vitest';
import { builtPages } from '../helpers/pages.ts';
import { attr, findAll, hasClass, parseFile, textOf, type El } from '../helpers/html.ts';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

/** What may only be named under the hood, each with an example of what it catches. */
const UNDER_THE_HOOD_ONLY: { what: string; pattern: RegExp }[] = [
  // snake_case with a call's parentheses: tcp_reset(), __tcp_close(), sock_error(); system calls
  // and libc functions whose names have an underscore are the reader's API, not the kernel's insides.
  { what: 'a kernel function', pattern: /\b_*[a-z][a-z0-9]*_[a-z0-9_]*\(\)/g },
  { what: 'a kernel source file', pattern: /\b[\w/-]+\.[ch]\b/g },
  { what: 'an RFC section', pattern: /§\s*\d[\d.]*/g },
];
/** Names with an underscore that a program calls itself. */
const READER_API = new Set(['epoll_wait()', 'epoll_ctl()', 'clock_gettime()']);

/** The reader's text of a page's main column: without scenario blocks, generated tables, code blocks and "Under the hood" notes. */
function prose(root: T.ParentNode): string {
  const skip = (el: El) =>
    (el.tagName === 'details' && hasClass(el, 'under-the-hood')) ||
    (el.tagName === 'section' && hasClass(el, 'scenario')) ||
    hasClass(el, 'expressive-code') ||
    // A reported value keeps its source beside it (the charter: "reported", with the source).
    hasClass(el, 'reported-source') ||
    el.tagName === 'table' ||
    el.tagName === 'script' ||
    el.tagName === 'style';
  const walk = (node: T.ChildNode | T.ParentNode): string =>
    node.nodeName === '#text' ? textOf(node) : 'tagName' in node && skip(node as El) ? ' ' : 'childNodes' in node ? node.childNodes.map(walk).join('') : '';
  return walk(root).replace(/\s+/g, ' ');
}

/** The page's main column, or undefined for a page without one. */
function content(file: string): El | undefined {
  return findAll(parseFile(file), (el) => hasClass(el, 'sl-markdown-content'))[0];
}

/** Each h2 section's first element after its heading, with the heading's text. */
function sectionOpenings(root: El): { heading: string; first: El | undefined }[] {
  const kids = root.childNodes.filter((n): n is El => 'tagName' in n);
  const isHeading = (el: El) => el.tagName === 'h2' || (hasClass(el, 'sl-heading-wrapper') && findAll(el, (e) => e.tagName === 'h2').length > 0);
  return kids.flatMap((el, i) => (isHeading(el) ? [{ heading: textOf(el).trim(), first: kids[i + 1] }] : []));
}

/** The first sentence of a paragraph's text. */
const firstSentence = (text: string) => text.replace(/\s+/g, ' ').trim().split(/(?<=[.?!:])\s/)[0]!;
/** The most words a section's opening sentence may take. */
const PLAIN_SENTENCE_WORDS = 40;

describe('plain words first', () => {
  const pages = builtPages().flatMap((p) => {
    const el = content(p.file);
    return el ? [{ ...p, el }] : [];
  });

  it.each(pages.map((p) => [p.path, p] as const))('%s: kernel functions, files and RFC sections only under the hood', (_, p) => {
    const text = prose(p.el);
    const found = UNDER_THE_HOOD_ONLY.flatMap(({ what, pattern }) =>
      [...text.matchAll(pattern)].map((m) => m[0]).filter((m) => !READER_API.has(m)).map((m) => `${what}: ${m}`),
    );
    expect(found).toEqual([]);
  });

  it.each(pages.map((p) => [p.path, p] as const))('%s: each section opens with one plain sentence', (_, p) => {
    const problems = sectionOpenings(p.el).flatMap(({ heading, first }) => {
      if (!first || first.tagName !== 'p') return [`"${heading}" opens with <${first?.tagName ?? 'nothing'}${first && attr(first, 'class') ? ` class="${attr(first, 'class')}"` : ''}>, not a sentence`];
      const sentence = firstSentence(textOf(first));
      const words = sentence.split(' ').length;
      return words > PLAIN_SENTENCE_WORDS ? [`"${heading}" opens with ${words} words: "${sentence.slice(0, 80)}…"`] : [];
    });
    expect(problems).toEqual([]);
  });
});

// Built HTML read with a real HTML parser (parse5), and the few queries the site tests need.
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

/** An element of a parsed page. */
export type El = T.Element;

const parsed = new Map<string, { stamp: string; doc: T.Document }>();

/**
 * Parses an HTML file, once while it stays the same (its size and time): the site tests read the
 * same pages many times, and they only read the trees, never change them.
 */
export function parseFile(file: string): T.Document {
  const s = statSync(file);
  const stamp = `${s.size} ${s.mtimeMs} ${s.ino}`;
  const known = parsed.get(file);
  if (known?.stamp === stamp) return known.doc;
  const doc = parse(readFileSync(file, 'utf8'));
  parsed.set(file, { stamp, doc });
  return doc;
}

/** The value of an attribute, or undefined. */
export function attr(el: El, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Whether an element carries a class. */
export function hasClass(el: El, name: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(name);
}

/** Every element below `root` (document order) that `match` accepts. */
export function findAll(root: T.ParentNode, match: (el: El) => boolean): El[] {
  const out: El[] = [];
  const walk = (node: T.ParentNode) => {
    for (const child of node.childNodes) {
      if ('tagName' in child) {
        if (match(child)) out.push(child);
        walk(child);
      }
      if (child.nodeName === 'template') walk((child as T.Template).content);
    }
  };
  walk(root);
  return out;
}

/** The text inside an element, as a reader would get it. */
export function textOf(node: T.ChildNode | T.ParentNode): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

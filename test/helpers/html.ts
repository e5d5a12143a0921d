// Built HTML read with a real HTML parser (parse5), and the few queries the site tests need.
import { readFileSync } from 'node:fs';
import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

/** An element of a parsed page. */
export type El = T.Element;

/** Parses an HTML file. */
export function parseFile(file: string): T.Document {
  return parse(readFileSync(file, 'utf8'));
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

// The little Markdown the hand-written notes use, as HTML: `code` and [text](https://…) links;
// everything else is escaped.

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Inline Markdown (code spans and links) as HTML. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, label: string, url: string) => `<a href="${url}">${label}</a>`)
    .replace(/`([^`]+)`/g, (_, code: string) => `<code>${code}</code>`);
}

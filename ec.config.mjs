// Expressive Code's own config file: the <Code> component reads it, so plugins live here.
// Line numbers are off by default and turned on by the scenario blocks, which number lines as the
// snippet file does (the same numbers observe and its failure messages print).
import { pluginLineNumbers } from '@expressive-code/plugin-line-numbers';
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  plugins: [pluginLineNumbers()],
  // Long lines wrap (indented like the line they continue) instead of scrolling: a code block that
  // scrolled sideways would be a scroll region the keyboard cannot reach, and hide claims at 390 px.
  defaultProps: { showLineNumbers: false, wrap: true, preserveIndent: true },
  // The theme's dimmed gutter colour is below 4.5:1 on the light background; line numbers are read
  // (the tables cite them), so they get the body's secondary text colour, readable in both themes.
  styleOverrides: { lineNumbers: { foreground: 'var(--sl-color-gray-3)' } },
});

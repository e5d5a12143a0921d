// Expressive Code's own config file: the <Code> component reads it, so plugins live here.
// Line numbers are off by default and turned on by the scenario blocks, which number lines as the
// snippet file does (the same numbers observe and its failure messages print).
import { pluginLineNumbers } from '@expressive-code/plugin-line-numbers';
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

export default defineEcConfig({
  plugins: [pluginLineNumbers()],
  defaultProps: { showLineNumbers: false },
});

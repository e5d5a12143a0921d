// Two collections: the chapters (MDX in the top-level content/ folder, Starlight's docs), and the
// observations the blocks show: this build's, and the reports contributed from other systems, all
// validated with the contract's one schema.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'zod';
import { buildPaths } from '../observe/build-paths.ts';
import { loadReports, reportsDir } from '../observe/reports.ts';
import { observationsSchema, parseObservations } from '../observe/schema.ts';

/** Starlight's docs, from ./content; the observations, from site/generated (or CLOSING_TIME_BUILD_DIR) and reports/. */
export const collections = {
  docs: defineCollection({ loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }), schema: docsSchema() }),
  // Starlight reads UI string overrides from this collection; site/i18n/en.json has none yet, and
  // an existing (even empty) collection keeps Starlight from warning that it is missing.
  i18n: defineCollection({ loader: glob({ base: './site/i18n', pattern: '*.json' }), schema: i18nSchema() }),
  observations: defineCollection({
    // Astro runs from the project root; paths are resolved from there, never from a bundled chunk.
    loader: async () => {
      const root = process.cwd();
      const paths = buildPaths(root);
      const reports = loadReports(reportsDir(root), root).map((r) => ({ id: r.file, kind: 'reported' as const, ...r }));
      // `astro sync` (types only) may run before anything was observed; a page that needs the
      // observations then says so (site/components/observations.ts).
      if (!existsSync(paths.observations)) return reports;
      const observedFile = relative(root, paths.observations);
      const observed = parseObservations(readFileSync(paths.observations, 'utf8'), observedFile);
      // The Node.js lens observed on other Node releases (npm run build -- --node …), one file each.
      const dir = paths.releases;
      const releases = (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []).map((f) => {
        const file = relative(root, join(dir, f));
        return { id: file, kind: 'release' as const, file, observations: parseObservations(readFileSync(join(dir, f), 'utf8'), file) };
      });
      return [{ id: 'observed', kind: 'observed' as const, file: observedFile, observations: observed }, ...releases, ...reports];
    },
    schema: z.strictObject({ id: z.string(), kind: z.enum(['observed', 'release', 'reported']), file: z.string(), observations: observationsSchema }),
  }),
};

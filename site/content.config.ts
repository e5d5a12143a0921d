// Chapters are MDX files in the top-level content/ folder, read as Starlight's docs collection.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/** Starlight's docs, from ./content. */
export const collections = {
  docs: defineCollection({ loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }), schema: docsSchema() }),
};

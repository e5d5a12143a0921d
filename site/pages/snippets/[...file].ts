// Every observed snippet, served as the plain text file it is (`/snippets/tcp/linger-zero.ts`), so
// each block can link to the source it ran.
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadObservations, snippetSource } from '../../components/observations.ts';

/** One path per snippet file (and Python or Ruby program) the observations name. */
export const getStaticPaths = (async () => {
  const { observed } = await loadObservations();
  return [...observed.scenarios, ...(observed.programs ?? [])]
    .filter((s) => s.file.startsWith('snippets/'))
    .map((s) => ({ params: { file: s.file.slice('snippets/'.length) }, props: { path: s.file } }));
}) satisfies GetStaticPaths;

/** The snippet's text. */
export const GET: APIRoute = ({ props }) =>
  new Response(snippetSource((props as { path: string }).path), { headers: { 'content-type': 'text/plain; charset=utf-8' } });

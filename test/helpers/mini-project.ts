// A copy of the project, in a temporary folder, whose catalogue is a few scenarios and whose
// chapters are the home page and one chapter placing them: the real build script, the real observe
// and the real Astro, on a site of a few pages. Tests of how the build starts, stops and fails use
// it, so that each build costs seconds, not a catalogue; what they check does not depend on how
// many scenarios there are.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';
import { buildPaths } from '../../observe/build-paths.ts';

/** A project copy: its folder, and remove() to delete it. */
export interface MiniProject {
  dir: string;
  remove: () => void;
}

/**
 * Copies the tracked files (the lab, the build, the site code, the home page and the 404 page, and
 * the snippets of `ids` only) and writes one chapter, content/mini.mdx, that places `ids`. Where
 * Astro will run, node_modules is hard-linked (Astro refuses a linked one) without the caches builds
 * write to; otherwise it is a link.
 */
export function miniProject(ids: string[], { prefix = 'closing-time-mini-', astro = true } = {}): MiniProject {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const wanted = new Set(ids.map((id) => `snippets/${id}.ts`));
  const keep = (f: string) =>
    existsSync(join(projectRoot, f)) &&
    (f.startsWith('content/') ? ['content/index.mdx', 'content/404.md'].includes(f) : !/^snippets\/(?!lab\/)[^/]+\/[^/]+\.ts$/.test(f) || wanted.has(f));
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' }).split('\0').filter(Boolean).filter(keep);
  for (const id of ids) if (!files.includes(`snippets/${id}.ts`)) throw new Error(`miniProject: no snippet for ${id}`);
  execFileSync('cp', ['--parents', ...files, dir], { cwd: projectRoot });
  if (!astro) symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  else execFileSync('cp', ['-al', join(projectRoot, 'node_modules'), join(dir, 'node_modules')]);
  if (astro) for (const cache of ['.cache', '.astro', '.vite']) rmSync(join(dir, 'node_modules', cache), { recursive: true, force: true });
  const blocks = ids.map((id) => `<Scenario id="${id}" />`).join('\n\n');
  writeFileSync(join(dir, 'content/mini.mdx'), `---\ntitle: A few scenarios\n---\nimport Scenario from '../site/components/Scenario.astro';\n\n${blocks}\n`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A site built by Astro from a mini project of `ids`, with this run's observations of them and the reports in `reports`: its page of the ids, the build's exit and output, and remove(). */
export function siteWithReports(ids: string[], reports: string, observations: string, prefix: string): { page: string; status: number | null; output: string; remove: () => void } {
  const project = miniProject(ids, { prefix });
  const out = join(project.dir, 'out');
  mkdirSync(out);
  // This run's observations of the ids, as the copy's own build would have made them.
  const observed = JSON.parse(readFileSync(observations, 'utf8'));
  observed.scenarios = observed.scenarios.filter((s: { id: string }) => ids.includes(s.id));
  writeFileSync(buildPaths(project.dir, { CLOSING_TIME_BUILD_DIR: out }).observations, JSON.stringify(observed));
  // Astro runs in the copy, never in the checkout (its .astro/ cache would be shared with the type checks and other builds beside it).
  const r = spawnSync(process.execPath, [join(project.dir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: project.dir,
    encoding: 'utf8',
    env: { ...process.env, CLOSING_TIME_REPORTS: reports, CLOSING_TIME_BUILD_DIR: out },
  });
  return { page: join(out, 'dist/mini/index.html'), status: r.status, output: r.stdout + r.stderr, remove: project.remove };
}

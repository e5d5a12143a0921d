// A copy of the project, in a temporary folder, whose catalogue is a few scenarios and whose
// chapters are the home page and one chapter placing them: the real build script, the real observe
// and the real Astro, on a site of a few pages. Tests of how the build starts, stops and fails use
// it, so that each build costs seconds, not a catalogue; what they check does not depend on how
// many scenarios there are.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../observe/catalogue.ts';

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

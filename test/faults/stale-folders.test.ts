// A run's temporary folder (an observe run's, or npm test's own: observe/temp-dirs.ts) is held with
// flock while its process lives. Killed outright, the process cannot remove it; the kernel drops the
// lock, and the next run's sweep removes the folder. A folder whose process still runs is kept.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../observe/catalogue.ts';
import { removeStaleTempDirs } from '../../observe/temp-dirs.ts';

// A prefix of this file's own, so the sweep here touches no other run's folders.
const PREFIX = `closing-time-sweep${process.pid}-`;

/** A process that makes a held folder, prints it, and waits until killed. */
async function holder(): Promise<{ dir: string; kill: () => Promise<void> }> {
  const code = `import { makeTempDir } from ${JSON.stringify(join(projectRoot, 'observe/temp-dirs.ts'))};
const { dir } = makeTempDir(${JSON.stringify(PREFIX)}); console.log(dir); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const dir = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (c) => reject(new Error(`the holder exited (${c}) before making its folder`)));
  });
  const kill = () => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGKILL'))));
  return { dir, kill };
}

it("a folder whose process was killed outright is removed by the next sweep; a living process's is kept", async () => {
  const killed = await holder();
  const living = await holder();
  try {
    await killed.kill();
    expect(existsSync(killed.dir), 'SIGKILL left the folder (nothing could remove it then)').toBe(true);
    removeStaleTempDirs(PREFIX);
    expect(existsSync(killed.dir), 'the sweep removed the dead run\'s folder').toBe(false);
    expect(existsSync(living.dir), 'the sweep kept the living run\'s folder').toBe(true);
  } finally {
    await living.kill();
    removeStaleTempDirs(PREFIX);
  }
  expect(existsSync(living.dir)).toBe(false);
});

// The lab's canary, run before any observation is made or written (snippets/lab/canary.ts says what it checks).
/** Thrown when the lab's canary fails: nothing was observed, and nothing may be written. */
export class CanaryFailed extends Error {}

/**
 * Runs the lab's canary (snippets/lab/canary.ts) in this process, on this kernel; throws
 * CanaryFailed naming each failed check. The lab is loaded only now, by the first observation.
 */
export async function proveLab(): Promise<void> {
  const { runCanary } = await import('../snippets/lab/canary.ts');
  const failed = runCanary();
  if (failed.length) throw new CanaryFailed(`${failed.join('; ')}: the lab cannot trust its own mechanisms here, so nothing was observed or written`);
}


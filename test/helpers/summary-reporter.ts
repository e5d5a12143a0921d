// Ends a test run with one plain line, "N passed, N failed, N skipped", that any CI can read.
// A test that never ran because a hook of its suite or file failed counts as failed, not skipped:
// only a test skipped on purpose (skipIf, ctx.skip) is skipped.
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

/** Whether a test's file, or one of its suites, failed in a hook or while collecting. */
function hostFailed(t: TestCase): boolean {
  for (let p: TestSuite | TestModule = t.parent; ; p = p.parent) {
    if (p.errors().length > 0) return true;
    if (p.type === 'module') return false;
  }
}

/** Counts test results across every module and prints them as the last line. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const count = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const m of modules) {
      const tests = [...m.children.allTests()];
      for (const t of tests) {
        const state = t.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed' || (state === 'skipped' && hostFailed(t))) count.failed++;
        else count.skipped++;
      }
      if (tests.length === 0 && (m.state() === 'failed' || m.errors().length > 0)) count.failed++;
    }
    process.stdout.write(`\n${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped\n`);
  }
}

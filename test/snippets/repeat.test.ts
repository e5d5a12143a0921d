// Each scenario, 200 times: exactly one outcome, or the snippet must say why it varies.
import { expect, it } from 'vitest';
import type { Observations } from '../../observe/contract.ts';
import { observeCli } from '../helpers/observe-cli.ts';

it('every scenario gives one outcome in 200 runs', () => {
  const run = observeCli(['--json', '--repetitions', '200']);
  expect(run.code, run.stderr).toBe(0);
  const observed: Observations = JSON.parse(run.stdout);
  const unstable = observed.scenarios.filter((s) => !s.stable).map((s) => `${s.id}: ${s.variants?.map((v) => v.count).join(' + ')}`);
  expect(unstable).toEqual([]);
  expect(observed.provenance.repetitions).toBe(200);
});

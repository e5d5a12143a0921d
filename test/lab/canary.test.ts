// The canary (snippets/lab/canary.ts) on this kernel: it holds with the lab as it is, and each of
// its checks refuses when the mechanism it guards is broken (handed in broken, as a platform whose
// constants were read from headers might be), naming the check.
import { describe, expect, it } from 'vitest';
import { CANARY_CHECKS, realLab, runCanary, type CanaryLab } from '../../snippets/lab/canary.ts';

describe('canary', () => {
  it('holds for the lab as it runs here, in a few milliseconds', () => {
    const lab = realLab();
    runCanary(lab); // warm: the first run pays for koffi's first calls
    const started = performance.now();
    const failed = runCanary(lab);
    const ms = performance.now() - started;
    expect(failed).toEqual([]);
    expect(ms).toBeLessThan(250); // about 1 ms idle here; bounded loosely for a loaded machine
  });

  const broken: [keyof typeof CANARY_CHECKS, string, (lab: CanaryLab) => CanaryLab][] = [
    ['sigpipe', 'SIGPIPE that always reads false (darwin, watched the Linux way)', (lab) => ({ ...lab, takeSigpipe: () => false })],
    ['sigpipe', 'SIGPIPE seen twice', (lab) => ({ ...lab, takeSigpipe: () => true })],
    ['established', 'TCP states under the wrong names (Linux numbering read as darwin)', (lab) => ({ ...lab, platform: { ...lab.platform, tcpStates: { 1: 'LISTEN', 4: 'ESTABLISHED' } } })],
    ['established', 'a lookup by ports that finds nothing', (lab) => ({ ...lab, tcpStateByPorts: () => undefined })],
    ['errno', 'an errno table off by one', (lab) => ({ ...lab, systemErrno: { ...lab.systemErrno, EPIPE: 33 } })],
    ['nosignal', 'MSG_NOSIGNAL with a wrong value', (lab) => ({ ...lab, platform: { ...lab.platform, msg: { ...lab.platform.msg, NOSIGNAL: 0 } } })],
  ];
  it.each(broken)("refuses, naming '%s', when the lab has %s", (check, _, breakIt) => {
    const failed = runCanary(breakIt(realLab()));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.join('\n')).toContain(`canary '${check}' failed: ${CANARY_CHECKS[check]}`);
  });
});

// What Run it yourself says a Mac lacks, in plain words: the source-file citation leaves the main
// text (it is kept under the hood), and nothing else does.
import { describe, expect, it } from 'vitest';
import { plainReason } from '../../site/components/run-yourself.ts';

describe('plainReason', () => {
  it('drops a parenthesis that cites a source file, with or without line numbers', () => {
    expect(plainReason('no abstract names (sun_path is always a file, bsd/sys/un.h:79)')).toBe('no abstract names');
    expect(plainReason('no SOCK_SEQPACKET (bsd/kern/uipc_proto.c:85-94 lists stream and datagram only)')).toBe('no SOCK_SEQPACKET');
  });
  it('keeps a parenthesis that cites nothing', () => {
    expect(plainReason('the macOS way (pf rules on lo0) is not built yet')).toBe('the macOS way (pf rules on lo0) is not built yet');
  });
});

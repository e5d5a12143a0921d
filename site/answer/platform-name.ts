// A platform as readers know it: `darwin 24.1.0` is macOS 24.1.0. Every view names platforms through this.

/** A platform's name as a reader knows it. */
export function platformName(os: string): string {
  const names: Record<string, string> = { linux: 'Linux', darwin: 'macOS', freebsd: 'FreeBSD', win32: 'Windows' };
  const [first, ...rest] = os.split(' ');
  return [names[first] ?? first, ...rest].join(' ');
}

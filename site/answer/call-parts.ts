// Where a call's code may wrap in a narrow table cell: after an opening parenthesis or a comma,
// never inside a name or a string, so `a.write('hello')` never reads `a.write('h` / `ello')`.

/** The code in pieces that may each start a new line. */
export function callParts(code: string): string[] {
  return code.split(/(?<=\(|, )/);
}

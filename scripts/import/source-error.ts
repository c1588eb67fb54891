/** A malformed input file: the message starts with `file:line:column:`, as editors link it. */
export class SourceFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`${file}:${line}:${column}: ${detail}`);
    this.name = new.target.name;
  }
}

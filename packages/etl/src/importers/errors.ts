/**
 * A problem with the operator's input (a bad file, a bad option): the CLI prints it as one line
 * and exits 1. Named "UserInputError" so apps/cli/src/main.ts recognises it without importing it.
 */
export class ImportInputError extends Error {
  override name = "UserInputError";
}

/** One record of a delimited file with the (1-based) line it ends on. */
export type SourceRow = { line: number; fields: string[] };

export function lineError(file: string, row: SourceRow, problem: string): ImportInputError {
  return new ImportInputError(`${file} line ${row.line}: ${problem}`);
}

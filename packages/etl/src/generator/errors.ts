/** A bad option (size, dates, output folder): the CLI prints its message as one line. */
export class UserInputError extends Error {
  override name = "UserInputError";
}

import type { EditorWords } from "../../i18n-editor.ts";
import type { RunStatusView } from "../run-types.ts";

/** A failed run: what went wrong in the reader's language, then Postgres's own words. */
export function RunFailure({ run, words }: { run: RunStatusView; words: EditorWords }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="run-error">
      <p className="font-semibold">{(run.errorKind && words.failureKinds[run.errorKind]) || words.failed}</p>
      <p className="whitespace-pre-wrap font-mono text-xs">{run.error}</p>
    </div>
  );
}

import {
  type QueryParameter,
  type QueryParameterValues,
  queryParameterSchema,
  queryParameterValuesSchema,
} from "@dangol/domain";
import { z } from "zod";
import { runIdSchema } from "./run-types.ts";

/**
 * What the editor opens with, from its address: `sql` and `params` (JSON {definitions, values})
 * as the pivot's "open in the editor" sends them, `run` as a finished run's notification does.
 * Anything malformed is dropped rather than refused: the page still opens, just emptier.
 */
export type EditorOpening = {
  sql: string;
  parameters: QueryParameter[];
  parameterValues: QueryParameterValues;
  runId: string | null;
};

const paramsSchema = z.object({
  definitions: z.array(queryParameterSchema).max(50),
  values: queryParameterValuesSchema,
});

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function editorOpening(search: Record<string, string | string[] | undefined>): EditorOpening {
  const one = (key: string) => {
    const value = search[key];
    return typeof value === "string" ? value : undefined;
  };
  const sql = z
    .string()
    .max(100_000)
    .catch("")
    .parse(one("sql") ?? "");
  const params = paramsSchema.safeParse(json(one("params") ?? ""));
  const run = runIdSchema.safeParse(one("run"));
  return {
    sql,
    parameters: params.success ? params.data.definitions : [],
    parameterValues: params.success ? params.data.values : {},
    runId: run.success ? run.data : null,
  };
}

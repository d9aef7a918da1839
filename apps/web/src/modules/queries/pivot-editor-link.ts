import type { QueryParameter, QueryParameterValues } from "@dangol/domain";

/**
 * How a browse screen hands SQL to the editor (docs/workbench.md, "Pivot"):
 * `/queries/new?sql=<urlencoded SQL>&params=<urlencoded JSON {definitions, values}>`; `params` is
 * left out when there are no parameters. The editor validates both like any other input.
 */
export function editorHref({
  sql,
  parameters = [],
  values = {},
}: {
  sql: string;
  parameters?: QueryParameter[];
  values?: QueryParameterValues;
}): string {
  const query = new URLSearchParams({ sql });
  if (parameters.length > 0) query.set("params", JSON.stringify({ definitions: parameters, values }));
  return `/queries/new?${query}`;
}

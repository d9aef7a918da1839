import Link from "next/link";
import type { BrowseWords } from "./i18n-browse.ts";

const LINKS = [
  ["/queries/new", "newQuery"],
  ["/queries/pivot", "pivot"],
  ["/queries/dashboard", "dashboard"],
  ["/queries/schema", "schema"],
] as const;

/** The workbench's four ways in, on the list and on each browse page; `current` is not a link. */
export function BrowseLinks({ words, current }: { words: BrowseWords["links"]; current?: (typeof LINKS)[number][1] }) {
  return (
    <nav aria-label={words.schema} className="mb-4 flex flex-wrap gap-2 text-sm" data-testid="workbench-links">
      {LINKS.map(([href, key]) =>
        key === current ? (
          <span key={key} aria-current="page" className="rounded-md bg-slate-900 px-3 py-2 font-medium text-white">
            {words[key]}
          </span>
        ) : (
          <Link
            key={key}
            href={href}
            className={
              key === "newQuery"
                ? "rounded-md bg-sky-700 px-3 py-2 font-medium text-white"
                : "rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-800 hover:bg-slate-100"
            }
          >
            {words[key]}
          </Link>
        ),
      )}
    </nav>
  );
}

import { getPrisma } from "@dangol/db/client";
import { describeRelativeDate, describeSchedule, formatSeoulDateTime, type QueryParameterValues } from "@dangol/domain";
import { querySchedulerId } from "@dangol/jobs";
import {
  listPins,
  listQueryRuns,
  listQueryVersions,
  listSchedules,
  type SavedQuery,
  type WorkbenchUser,
} from "@dangol/workbench/services";
import { jobProducer } from "@/server/jobs";
import type { EditorWords } from "../i18n-editor.ts";
import { formatDuration } from "./cell-format.ts";
import { DeleteScheduleButton, DuplicateButton, PinButton, ScheduleForm } from "./components/saved-forms.tsx";

const section = "rounded-md border border-slate-200 bg-white p-3";
const th = "whitespace-nowrap px-2 py-1.5 text-left font-semibold";
const td = "whitespace-nowrap px-2 py-1.5";

/** When BullMQ will fire each schedule next; a Redis hiccup only blanks the column. */
async function nextRuns(scheduleIds: string[]): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  try {
    const queue = jobProducer().queue("queries");
    for (const id of scheduleIds) {
      const scheduler = await queue.getJobScheduler(querySchedulerId(id));
      if (scheduler?.next) out.set(id, new Date(scheduler.next));
    }
  } catch {
    // Shown as "—"; the schedule itself is in the database either way.
  }
  return out;
}

function valuesText(values: QueryParameterValues, locale: "ko" | "en"): string {
  return Object.entries(values)
    .map(
      ([name, value]) =>
        `${name} = ${Array.isArray(value) ? value.join(", ") : describeRelativeDate(String(value), locale)}`,
    )
    .join(" · ");
}

/** A saved query's history and tools: versions, runs, duplicate, pin, schedules. */
export async function SavedQuerySections({
  query,
  user,
  words,
  locale,
}: {
  query: SavedQuery;
  user: WorkbenchUser;
  words: EditorWords;
  locale: "ko" | "en";
}) {
  const prisma = getPrisma();
  const [versions, runs, schedules, pins] = await Promise.all([
    listQueryVersions(prisma, query.id, user),
    listQueryRuns(prisma, query.id, user, { limit: 20 }),
    listSchedules(prisma, query.id, user),
    listPins(prisma, user),
  ]);
  const next = await nextRuns(schedules.map((s) => s.id));
  const pinned = pins.some((pin) => pin.queryId === query.id);
  const count = new Intl.NumberFormat(locale === "ko" ? "ko-KR" : "en-US");

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-2">
        <DuplicateButton queryId={query.id} label={words.sections.duplicate} />
        <PinButton
          queryId={query.id}
          pinned={pinned}
          labels={{ pin: words.sections.pin, unpin: words.sections.unpin }}
        />
      </div>

      <section className={section} data-testid="query-versions">
        <h2 className="mb-2 text-sm font-semibold">{words.sections.versions}</h2>
        <ul className="flex flex-col divide-y divide-slate-100 text-sm">
          {versions.map((v) => (
            <li key={v.version} className="py-2">
              <details>
                <summary className="cursor-pointer">
                  <span className="font-semibold">
                    {words.versions.version} {v.version}
                  </span>{" "}
                  · {v.changedByEmail} · {formatSeoulDateTime(v.changedAt)} ·{" "}
                  {v.changed.length === 0
                    ? words.versions.created
                    : v.changed.map((field) => words.versions.fields[field] ?? field).join(", ")}
                </summary>
                <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{v.sql}</pre>
              </details>
            </li>
          ))}
        </ul>
      </section>

      <section className={section} data-testid="query-runs">
        <h2 className="mb-2 text-sm font-semibold">{words.sections.runs}</h2>
        {runs.length === 0 ? (
          <p className="text-sm text-slate-500">{words.runs.none}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50">
                <tr>
                  <th className={th}>{words.runs.when}</th>
                  <th className={th}>{words.runs.who}</th>
                  <th className={th}>{words.runs.trigger}</th>
                  <th className={th}>{words.runs.status}</th>
                  <th className={`${th} text-right`}>{words.runs.duration}</th>
                  <th className={`${th} text-right`}>{words.runs.rows}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} className="border-t border-slate-100" data-status={run.status}>
                    <td className={td}>{formatSeoulDateTime(run.createdAt)}</td>
                    <td className={td}>{run.userEmail ?? "—"}</td>
                    <td className={td}>{words.runs.triggers[run.trigger] ?? run.trigger}</td>
                    <td className={td} title={run.error ?? undefined}>
                      {words.status[run.status]}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {run.durationMs === null ? "—" : formatDuration(run.durationMs, locale)}
                    </td>
                    <td className={`${td} text-right tabular-nums`}>
                      {run.rowCount === null ? "—" : count.format(run.rowCount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={section} data-testid="query-schedules">
        <h2 className="mb-2 text-sm font-semibold">{words.sections.schedules}</h2>
        {schedules.length === 0 ? <p className="mb-2 text-sm text-slate-500">{words.schedules.none}</p> : null}
        <ul className="mb-3 flex flex-col gap-2 text-sm">
          {schedules.map((s) => {
            const at = next.get(s.id);
            return (
              <li key={s.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-semibold" title={s.cron}>
                  {describeSchedule(s.cron, locale)}
                </span>
                <span>
                  {words.schedules.next}: {at ? formatSeoulDateTime(at) : "—"}
                </span>
                <span>
                  {words.schedules.last}: {s.lastRunAt ? formatSeoulDateTime(s.lastRunAt) : "—"}
                </span>
                {s.emailTo.length > 0 ? (
                  <span>
                    {words.schedules.recipients}: {s.emailTo.join(", ")}
                  </span>
                ) : null}
                {query.canEdit ? (
                  <DeleteScheduleButton queryId={query.id} scheduleId={s.id} label={words.schedules.delete} />
                ) : null}
              </li>
            );
          })}
        </ul>
        {query.canEdit ? (
          <ScheduleForm
            queryId={query.id}
            words={words.schedules}
            savedValues={valuesText(query.parameterValues, locale)}
          />
        ) : null}
      </section>
    </div>
  );
}

const TONE: Record<string, string> = {
  DRAFT: "bg-slate-100 text-slate-800",
  APPROVED: "bg-sky-100 text-sky-900",
  SCHEDULED: "bg-indigo-100 text-indigo-900",
  RUNNING: "bg-green-100 text-green-900",
  PAUSED: "bg-amber-100 text-amber-900",
  COMPLETED: "bg-slate-200 text-slate-800",
  CANCELLED: "bg-red-100 text-red-900",
};

export function StateBadge({ state, label }: { state: string; label: string }) {
  return (
    <span
      data-state={state}
      className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONE[state] ?? TONE.DRAFT}`}
    >
      {label}
    </span>
  );
}

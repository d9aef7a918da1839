"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fill } from "@/i18n/dictionaries";
import { deleteSegmentAction, duplicateSegmentAction, takeSnapshotAction } from "../actions.ts";
import type { SegmentsDictionary } from "../i18n.ts";

const button = "min-h-10 rounded-md border border-slate-300 bg-white px-3 text-sm disabled:opacity-60";

/** The detail page's buttons: snapshot, CSV, duplicate (what the user may not change) and delete (what they may). */
export function DetailActions({
  id,
  name,
  canEdit,
  w,
}: {
  id: string;
  name: string;
  canEdit: boolean;
  w: SegmentsDictionary;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (work: () => Promise<void>) => startTransition(work);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="segment-actions">
      <button
        type="button"
        disabled={pending}
        className={button}
        onClick={() =>
          run(async () => {
            const result = await takeSnapshotAction({ id });
            setMessage(
              result.ok
                ? { ok: true, text: fill(w.detail.snapshotTaken, { size: result.data.size }) }
                : { ok: false, text: result.message },
            );
            if (result.ok) router.refresh();
          })
        }
      >
        {w.detail.snapshot}
      </button>
      <a href={`/api/segments/${id}/export`} className={`${button} py-2`} download>
        {w.detail.export}
      </a>
      {!canEdit ? (
        <button
          type="button"
          disabled={pending}
          className={button}
          onClick={() =>
            run(async () => {
              const result = await duplicateSegmentAction({ id, name: fill(w.detail.copyName, { name }) });
              if (result.ok) router.push(`/segments/${result.data.id}`);
              else setMessage({ ok: false, text: result.message });
            })
          }
        >
          {w.detail.duplicate}
        </button>
      ) : (
        <button
          type="button"
          disabled={pending}
          className={`${button} text-red-700`}
          onClick={() => {
            if (!window.confirm(w.detail.confirmDelete)) return;
            run(async () => {
              const result = await deleteSegmentAction({ id });
              if (result.ok) router.push("/segments");
              else setMessage({ ok: false, text: result.message });
            });
          }}
        >
          {w.detail.delete}
        </button>
      )}
      {message ? (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-green-800" : "text-red-800"}`}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useState, useTransition } from "react";
import type { Dictionary } from "@/i18n/dictionaries";
import { fill } from "@/i18n/dictionaries";
import type { ActionResult } from "@/server/action-core";
import { resetPasswordAction, setUserActiveAction, unlockUserAction } from "../actions.ts";

type Notice = { kind: "ok" | "error"; text: string; password?: string };

export function UserActions({
  t,
  user,
}: {
  t: Dictionary["users"];
  user: { id: string; email: string; active: boolean; locked: boolean; isSelf: boolean };
}) {
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);

  function run<T>(call: () => Promise<ActionResult<T>>, describe: (data: T) => Notice) {
    startTransition(async () => {
      const result = await call();
      setNotice(result.ok ? describe(result.data) : { kind: "error", text: result.message });
    });
  }

  const button = "rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-100 disabled:opacity-50";
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-1">
        {user.isSelf ? null : (
          <button
            type="button"
            disabled={pending}
            className={button}
            onClick={() =>
              run(
                () => setUserActiveAction({ userId: user.id, active: user.active ? "false" : "true" }),
                () => ({ kind: "ok", text: t.done }),
              )
            }
          >
            {user.active ? t.disable : t.enable}
          </button>
        )}
        <button
          type="button"
          disabled={pending}
          className={button}
          onClick={() =>
            run(
              () => resetPasswordAction({ userId: user.id }),
              (data) => ({
                kind: "ok",
                text: fill(t.passwordReset, { email: data.email }),
                password: data.generatedPassword ?? undefined,
              }),
            )
          }
        >
          {t.resetPassword}
        </button>
        {user.locked ? (
          <button
            type="button"
            disabled={pending}
            className={button}
            onClick={() =>
              run(
                () => unlockUserAction({ userId: user.id }),
                () => ({ kind: "ok", text: t.done }),
              )
            }
          >
            {t.unlock}
          </button>
        ) : null}
      </div>
      {notice ? (
        <p
          role={notice.kind === "error" ? "alert" : "status"}
          className={notice.kind === "error" ? "text-xs text-red-700" : "text-xs text-green-800"}
        >
          {notice.text}
          {notice.password ? (
            <>
              {" "}
              <code data-testid="reset-password" className="font-mono font-semibold">
                {notice.password}
              </code>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}

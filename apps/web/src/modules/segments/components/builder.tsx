"use client";

import type { SegmentGroup, SegmentTheme } from "@dangol/domain";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/server/action";
import { saveSegmentAction } from "../actions.ts";
import type { SegmentsDictionary } from "../i18n.ts";
import { CountPanel, useLiveCount } from "./count-panel.tsx";
import { GroupEditor } from "./group-editor.tsx";
import type { BuilderChoices } from "./rule-editor.tsx";

export type BuilderSegment = {
  id: string;
  version: number;
  name: string;
  description: string;
  themes: string[];
  canEdit: boolean;
};

/**
 * The segment builder: the rule tree on the left, the live count beside it, the save form below.
 * A segment the user may not change (a ready-made one, or a colleague's) is shown read-only: it is duplicated to be changed.
 */
export function SegmentBuilder({
  initial,
  segment,
  choices,
  themes,
  w,
  locale,
}: {
  initial: SegmentGroup;
  segment: BuilderSegment | null;
  choices: BuilderChoices;
  themes: readonly string[];
  w: SegmentsDictionary;
  locale: string;
}) {
  const [definition, setDefinition] = useState(initial);
  const count = useLiveCount(definition);
  const readOnly = segment ? !segment.canEdit : false;
  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
      <div className="flex min-w-0 flex-col gap-4">
        {readOnly ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">{w.detail.readOnly}</p>
        ) : null}
        <GroupEditor root={definition} path={[]} onChange={setDefinition} choices={choices} w={w} readOnly={readOnly} />
        {readOnly ? null : <SaveForm definition={definition} segment={segment} themes={themes} w={w} />}
      </div>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <CountPanel state={count} w={w} locale={locale} />
      </div>
    </div>
  );
}

function SaveForm({
  definition,
  segment,
  themes,
  w,
}: {
  definition: SegmentGroup;
  segment: BuilderSegment | null;
  themes: readonly string[];
  w: SegmentsDictionary;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const control = "min-h-10 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <form
      data-testid="save-form"
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(async () => {
          const saved = await saveSegmentAction({
            id: segment?.id,
            expectedVersion: segment?.version,
            name: String(form.get("name") ?? ""),
            description: String(form.get("description") ?? ""),
            themes: form.getAll("themes").map(String) as SegmentTheme[],
            definition,
          });
          setResult(saved);
          if (saved.ok) router.push(`/segments/${saved.data.id}`);
          if (saved.ok && segment) router.refresh();
        });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {w.save.name}
        <input name="name" required maxLength={120} defaultValue={segment?.name ?? ""} className={control} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        {w.save.description}
        <textarea
          name="description"
          maxLength={2000}
          rows={2}
          defaultValue={segment?.description ?? ""}
          className={control}
        />
      </label>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 text-xs font-medium text-slate-600">{w.save.themes}</legend>
        {themes.map((theme) => (
          <label key={theme} className="flex items-center gap-1">
            <input type="checkbox" name="themes" value={theme} defaultChecked={segment?.themes.includes(theme)} />
            {w.themeNames[theme] ?? theme}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white disabled:opacity-60"
        >
          {pending ? w.save.saving : w.save.save}
        </button>
        {result && !result.ok ? (
          <p role="alert" className="text-sm text-red-800">
            {result.message}
          </p>
        ) : null}
        {result?.ok ? (
          <p role="status" className="text-sm text-green-800">
            {w.save.saved}
          </p>
        ) : null}
      </div>
    </form>
  );
}

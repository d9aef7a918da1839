"use client";

import {
  AD_LABEL,
  AD_MESSAGE_VIOLATION_TEXT,
  CAMPAIGN_CHANNELS,
  CAMPAIGN_THEMES,
  CAMPAIGN_TRIGGERS,
  type CampaignDefinition,
  checkAdMessage,
  composeSmsAd,
  estimatedCost,
  formatKRW,
  type Locale,
  needsAdminApproval,
  RECURRING_PRESETS,
  smsKind,
} from "@dangol/domain";
import { useRouter } from "next/navigation";
import { type ReactNode, useMemo, useState, useTransition } from "react";
import { fill } from "@/i18n/dictionaries";
import { saveCampaignAction } from "../actions.ts";
import type { CampaignsWords } from "../i18n.ts";

type Kind = (typeof CAMPAIGN_CHANNELS)[number];
type ChannelState = {
  on: boolean;
  cost: string;
  text: string;
  subject: string;
  html: string;
  template: string;
  script: string;
};

export type EditorSegment = { id: string; name: string; size: number | null };
export type EditorSettings = { senderName: string; senderPhone: string; optOut080: string; approvalThreshold: number };

const input = "min-h-10 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const label = "flex flex-col gap-1 text-sm font-medium text-slate-700";

/** Sample values for the byte counter: a real name is 2–4 Hangul, a unique coupon 10 characters. */
const SAMPLE: Record<string, string> = {
  name: "홍길동",
  coupon: "ABCD2345EF",
  points: "5,000",
  tier: "골드",
  store: "단골마트 강남점",
};
const withSamples = (text: string) => text.replace(/\{\{([^{}]*)\}\}/g, (whole, f: string) => SAMPLE[f] ?? whole);

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.replaceAll(",", "")));

/** An ISO instant as the Seoul wall clock a datetime-local input shows (Seoul has no DST). */
function seoulLocal(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? "" : new Date(t + 9 * 3_600_000).toISOString().slice(0, 16);
}

function initialChannels(def: CampaignDefinition | null): Record<Kind, ChannelState> {
  const empty = (): ChannelState => ({
    on: false,
    cost: "",
    text: "",
    subject: "",
    html: "",
    template: "",
    script: "",
  });
  const out = Object.fromEntries(CAMPAIGN_CHANNELS.map((c) => [c, empty()])) as Record<Kind, ChannelState>;
  for (const c of def?.channels ?? []) {
    const s = out[c.channel];
    s.on = true;
    s.cost = String(c.costPerContact);
    if (c.channel === "SMS") s.text = c.text;
    if (c.channel === "EMAIL") Object.assign(s, { subject: c.subject, html: c.html });
    if (c.channel === "DM") s.template = c.template;
    if (c.channel === "TM") s.script = c.script;
  }
  return out;
}

function FieldError({ errors, name }: { errors: Record<string, string>; name: string }) {
  const text = errors[name];
  return text ? (
    <span role="alert" data-error-for={name} className="text-xs font-normal text-red-700">
      {text}
    </span>
  ) : null;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <legend className="px-1 font-semibold">{title}</legend>
      {children}
    </fieldset>
  );
}

/**
 * The campaign form. Checks that need no server run as you type (the composed SMS's bytes and ad
 * rules, the e-mail preview, the estimate and whether an admin must approve); the save action
 * parses everything again with the definition schema and answers per field.
 */
export function CampaignEditor({
  id,
  version,
  initial,
  segments,
  settings,
  themeNames,
  locale,
  w,
}: {
  id?: string;
  version?: number;
  initial: CampaignDefinition | null;
  segments: EditorSegment[];
  settings: EditorSettings;
  themeNames: Record<string, string>;
  locale: Locale;
  w: CampaignsWords;
}) {
  const e = w.editor;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [theme, setTheme] = useState<string>(initial?.theme ?? "");
  const [segmentId, setSegmentId] = useState(initial?.segmentId ?? "");
  const [channels, setChannels] = useState(() => initialChannels(initial));
  const offer = initial?.offer;
  const [offerKind, setOfferKind] = useState<string>(offer?.kind ?? "none");
  const [points, setPoints] = useState(offer?.kind === "points" ? String(offer.points) : "");
  const [couponUnique, setCouponUnique] = useState(offer?.kind === "coupon" ? offer.uniquePerRecipient : true);
  const [couponCode, setCouponCode] = useState(offer?.kind === "coupon" ? (offer.code ?? "") : "");
  const schedule = initial?.schedule;
  const [scheduleKind, setScheduleKind] = useState<string>(schedule?.kind ?? "once");
  const [at, setAt] = useState(schedule?.kind === "once" ? seoulLocal(schedule.at) : "");
  const [preset, setPreset] = useState<string>(schedule?.kind === "recurring" ? schedule.preset : RECURRING_PRESETS[0]);
  const [trigger, setTrigger] = useState<string>(
    schedule?.kind === "trigger" ? schedule.trigger : CAMPAIGN_TRIGGERS[0],
  );
  const [time, setTime] = useState(schedule && schedule.kind !== "once" ? schedule.time : "10:00");
  const [budget, setBudget] = useState(initial?.budget === undefined ? "" : String(initial.budget));
  const [windowDays, setWindowDays] = useState(String(initial?.responseWindowDays ?? 14));
  const [controlPct, setControlPct] = useState(String(Math.round((initial?.controlShare ?? 0.1) * 1000) / 10));

  const setChannel = (kind: Kind, patch: Partial<ChannelState>) =>
    setChannels((all) => ({ ...all, [kind]: { ...all[kind], ...patch } }));

  const definition = useMemo(
    () => ({
      name,
      description,
      theme,
      segmentId,
      channels: CAMPAIGN_CHANNELS.filter((k) => channels[k].on).map((k) => {
        const c = channels[k];
        const costPerContact = num(c.cost);
        switch (k) {
          case "SMS":
            return { channel: k, text: c.text, costPerContact };
          case "EMAIL":
            return { channel: k, subject: c.subject, html: c.html, costPerContact };
          case "DM":
            return { channel: k, template: c.template, costPerContact };
          default:
            return { channel: k, script: c.script, costPerContact };
        }
      }),
      offer:
        offerKind === "points"
          ? { kind: "points", points: num(points) }
          : offerKind === "coupon"
            ? couponUnique
              ? { kind: "coupon", uniquePerRecipient: true }
              : { kind: "coupon", uniquePerRecipient: false, code: couponCode }
            : { kind: "none" },
      schedule:
        scheduleKind === "once"
          ? { kind: "once", at: at ? `${at}:00+09:00` : "" }
          : scheduleKind === "recurring"
            ? { kind: "recurring", preset, time }
            : { kind: "trigger", trigger, time },
      ...(budget.trim() === "" ? {} : { budget: num(budget) }),
      responseWindowDays: num(windowDays),
      controlShare: num(controlPct) / 100,
    }),
    [
      name,
      description,
      theme,
      segmentId,
      channels,
      offerKind,
      points,
      couponUnique,
      couponCode,
      scheduleKind,
      at,
      preset,
      trigger,
      time,
      budget,
      windowDays,
      controlPct,
    ],
  );

  const size = segments.find((s) => s.id === segmentId)?.size ?? 0;
  const share = Math.min(Math.max(num(controlPct) / 100 || 0, 0), 0.5);
  const recipients = Math.round(size * (1 - share));
  const estimate = estimatedCost(
    {
      channels: definition.channels.map((c) => ({
        ...c,
        costPerContact: Number.isFinite(c.costPerContact) ? c.costPerContact : 0,
      })) as CampaignDefinition["channels"],
      budget: Number.isFinite(definition.budget) ? definition.budget : undefined,
    },
    Object.fromEntries(definition.channels.map((c) => [c.channel, recipients])),
  );
  const budgetValue = budget.trim() === "" ? null : num(budget);
  const adminNeeded = needsAdminApproval(
    budgetValue !== null && Number.isFinite(budgetValue) ? budgetValue : null,
    settings.approvalThreshold,
  );
  const threshold = formatKRW(settings.approvalThreshold, locale);

  const smsSender = `${settings.senderName} ${settings.senderPhone}`;
  const composedSms = composeSmsAd({
    body: withSamples(channels.SMS.text),
    sender: smsSender,
    optOut080: settings.optOut080,
  });
  const sms = smsKind(composedSms);
  const smsViolations = checkAdMessage("SMS", composedSms, {
    sender: settings.senderName,
    optOut080: settings.optOut080,
  });
  const mailSubject = channels.EMAIL.subject.startsWith(AD_LABEL)
    ? channels.EMAIL.subject
    : `${AD_LABEL} ${channels.EMAIL.subject}`;
  // The footer the send adds (sender, number, opt-out link), so the preview is what customers see.
  const mailHtml =
    `${channels.EMAIL.html}<hr><p style="font-size:12px;color:#666">${settings.senderName} · ${settings.senderPhone}<br>` +
    `<a href="#unsubscribe">수신거부 (unsubscribe)</a></p>`;
  const mailViolations = checkAdMessage(
    "EMAIL",
    { subject: mailSubject, html: mailHtml },
    { sender: settings.senderName },
  );

  const submit = () =>
    startTransition(async () => {
      setFormError(null);
      const result = await saveCampaignAction({
        ...(id ? { id } : {}),
        ...(version ? { expectedVersion: version } : {}),
        definition: JSON.parse(JSON.stringify(definition)) as Record<string, unknown>,
      });
      if (!result.ok) {
        setErrors(
          Object.fromEntries(
            Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^definition\./, ""), v[0] ?? ""]),
          ),
        );
        setFormError(result.message);
        return;
      }
      if ("fieldErrors" in result.data) {
        setErrors(result.data.fieldErrors);
        setFormError(Object.values(result.data.fieldErrors)[0] ?? null);
        return;
      }
      setErrors({});
      router.push(`/campaigns/${result.data.id}`);
      router.refresh();
    });

  return (
    <form
      className="flex max-w-3xl flex-col gap-4"
      data-testid="campaign-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Section title={e.basics}>
        <label className={label}>
          {e.name}
          <input className={input} value={name} onChange={(ev) => setName(ev.target.value)} maxLength={100} />
          <FieldError errors={errors} name="name" />
        </label>
        <label className={label}>
          {e.description}
          <textarea className={input} rows={2} value={description} onChange={(ev) => setDescription(ev.target.value)} />
          <FieldError errors={errors} name="description" />
        </label>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className={label}>
            {e.theme}
            <select className={input} value={theme} onChange={(ev) => setTheme(ev.target.value)}>
              <option value="">{e.chooseTheme}</option>
              {CAMPAIGN_THEMES.map((s) => (
                <option key={s} value={s}>
                  {themeNames[s] ?? s}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="theme" />
          </label>
          <label className={label}>
            {e.segment}
            <select className={input} value={segmentId} onChange={(ev) => setSegmentId(ev.target.value)}>
              <option value="">{e.chooseSegment}</option>
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ·{" "}
                  {s.size === null ? e.noSnapshot : fill(e.segmentSize, { size: s.size.toLocaleString("ko-KR") })}
                </option>
              ))}
            </select>
            <FieldError errors={errors} name="segmentId" />
          </label>
        </div>
      </Section>

      <Section title={e.channels}>
        <p className="text-xs text-slate-500" data-testid="merge-help">
          {e.mergeHelp}
        </p>
        <FieldError errors={errors} name="channels" />
        {CAMPAIGN_CHANNELS.map((kind) => {
          const c = channels[kind];
          return (
            <div key={kind} className="rounded-lg border border-slate-200 p-3" data-channel={kind}>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" checked={c.on} onChange={(ev) => setChannel(kind, { on: ev.target.checked })} />
                {w.channelNames[kind] ?? kind}
              </label>
              {c.on ? (
                <div className="mt-3 flex flex-col gap-3">
                  {kind === "SMS" ? (
                    <>
                      <label className={label}>
                        {e.smsText}
                        <textarea
                          className={input}
                          rows={4}
                          value={c.text}
                          onChange={(ev) => setChannel(kind, { text: ev.target.value })}
                        />
                        <FieldError errors={errors} name="channels.SMS.text" />
                      </label>
                      <p className="text-sm" data-testid="sms-counter" data-kind={sms.kind} data-bytes={sms.bytes}>
                        <span className={sms.kind === "TOO_LONG" ? "font-medium text-red-700" : "font-medium"}>
                          {fill(e.smsCounter, {
                            bytes: sms.bytes.toLocaleString("ko-KR"),
                            kind: e.smsKinds[sms.kind] ?? sms.kind,
                          })}
                        </span>{" "}
                        <span className="text-xs text-slate-500">{e.smsCounterNote}</span>
                      </p>
                      <details className="text-xs text-slate-600">
                        <summary>{e.composed}</summary>
                        <pre className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2">{composedSms}</pre>
                      </details>
                      {smsViolations.map((v) => (
                        <p key={v} role="alert" className="text-xs text-red-700">
                          {AD_MESSAGE_VIOLATION_TEXT[v][locale]}
                        </p>
                      ))}
                    </>
                  ) : null}
                  {kind === "EMAIL" ? (
                    <>
                      <label className={label}>
                        {e.emailSubject}
                        <input
                          className={input}
                          value={c.subject}
                          onChange={(ev) => setChannel(kind, { subject: ev.target.value })}
                        />
                        <FieldError errors={errors} name="channels.EMAIL.subject" />
                      </label>
                      <label className={label}>
                        {e.emailHtml}
                        <textarea
                          className={`${input} font-mono`}
                          rows={6}
                          value={c.html}
                          onChange={(ev) => setChannel(kind, { html: ev.target.value })}
                        />
                        <FieldError errors={errors} name="channels.EMAIL.html" />
                      </label>
                      <div>
                        <p className="text-xs font-medium text-slate-600">
                          {e.preview}: {mailSubject}
                        </p>
                        {/* sandbox without allow-scripts: the body's scripts never run, even in the preview */}
                        <iframe
                          title={e.preview}
                          sandbox=""
                          srcDoc={mailHtml}
                          className="mt-1 h-64 w-full rounded border border-slate-200 bg-white"
                        />
                      </div>
                      {mailViolations.map((v) => (
                        <p key={v} role="alert" className="text-xs text-red-700">
                          {AD_MESSAGE_VIOLATION_TEXT[v][locale]}
                        </p>
                      ))}
                    </>
                  ) : null}
                  {kind === "DM" ? (
                    <label className={label}>
                      {e.dmTemplate}
                      <textarea
                        className={input}
                        rows={6}
                        value={c.template}
                        onChange={(ev) => setChannel(kind, { template: ev.target.value })}
                      />
                      <FieldError errors={errors} name="channels.DM.template" />
                    </label>
                  ) : null}
                  {kind === "TM" ? (
                    <label className={label}>
                      {e.tmScript}
                      <textarea
                        className={input}
                        rows={6}
                        value={c.script}
                        onChange={(ev) => setChannel(kind, { script: ev.target.value })}
                      />
                      <FieldError errors={errors} name="channels.TM.script" />
                    </label>
                  ) : null}
                  <label className={`${label} max-w-xs`}>
                    {`${w.channelNames[kind] ?? kind} ${e.costPerContact}`}
                    <input
                      className={input}
                      inputMode="numeric"
                      value={c.cost}
                      onChange={(ev) => setChannel(kind, { cost: ev.target.value })}
                    />
                    <FieldError errors={errors} name={`channels.${kind}.costPerContact`} />
                  </label>
                </div>
              ) : null}
            </div>
          );
        })}
      </Section>

      <Section title={e.offer}>
        <div className="flex flex-wrap gap-4 text-sm">
          {["none", "points", "coupon"].map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name="offerKind" checked={offerKind === k} onChange={() => setOfferKind(k)} />
              {e.offerKinds[k]}
            </label>
          ))}
        </div>
        {offerKind === "points" ? (
          <label className={`${label} max-w-xs`}>
            {e.points}
            <input className={input} inputMode="numeric" value={points} onChange={(ev) => setPoints(ev.target.value)} />
            <FieldError errors={errors} name="offer.points" />
          </label>
        ) : null}
        {offerKind === "coupon" ? (
          <div className="flex flex-col gap-2 text-sm">
            <span className="font-medium text-slate-700">{e.couponMode}</span>
            <label className="flex items-center gap-1">
              <input type="radio" name="couponMode" checked={couponUnique} onChange={() => setCouponUnique(true)} />
              {e.couponUnique}
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="couponMode" checked={!couponUnique} onChange={() => setCouponUnique(false)} />
              {e.couponShared}
            </label>
            {!couponUnique ? (
              <label className={`${label} max-w-xs`}>
                {e.couponCode}
                <input className={input} value={couponCode} onChange={(ev) => setCouponCode(ev.target.value)} />
              </label>
            ) : null}
            <FieldError errors={errors} name="offer.code" />
          </div>
        ) : null}
      </Section>

      <Section title={e.schedule}>
        <div className="flex flex-wrap gap-4 text-sm">
          {["once", "recurring", "trigger"].map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input
                type="radio"
                name="scheduleKind"
                checked={scheduleKind === k}
                onChange={() => setScheduleKind(k)}
              />
              {e.scheduleKinds[k]}
            </label>
          ))}
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          {scheduleKind === "once" ? (
            <label className={label}>
              {e.at}
              <input className={input} type="datetime-local" value={at} onChange={(ev) => setAt(ev.target.value)} />
            </label>
          ) : null}
          {scheduleKind === "recurring" ? (
            <label className={label}>
              {e.preset}
              <select className={input} value={preset} onChange={(ev) => setPreset(ev.target.value)}>
                {RECURRING_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {e.presets[p] ?? p}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {scheduleKind === "trigger" ? (
            <label className={label}>
              {e.trigger}
              <select className={input} value={trigger} onChange={(ev) => setTrigger(ev.target.value)}>
                {CAMPAIGN_TRIGGERS.map((p) => (
                  <option key={p} value={p}>
                    {e.triggers[p] ?? p}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {scheduleKind !== "once" ? (
            <label className={label}>
              {e.time}
              <input className={input} type="time" value={time} onChange={(ev) => setTime(ev.target.value)} />
            </label>
          ) : null}
        </div>
        <FieldError errors={errors} name={Object.keys(errors).find((k) => k.startsWith("schedule")) ?? "schedule"} />
      </Section>

      <Section title={e.budgetSection}>
        <div className="grid gap-3 sm:grid-cols-3">
          <label className={label}>
            {e.budget}
            <input className={input} inputMode="numeric" value={budget} onChange={(ev) => setBudget(ev.target.value)} />
            <FieldError errors={errors} name="budget" />
          </label>
          <label className={label}>
            {e.responseWindowDays}
            <input
              className={input}
              inputMode="numeric"
              value={windowDays}
              onChange={(ev) => setWindowDays(ev.target.value)}
            />
            <FieldError errors={errors} name="responseWindowDays" />
          </label>
          <label className={label}>
            {e.controlShare}
            <input
              className={input}
              inputMode="decimal"
              value={controlPct}
              onChange={(ev) => setControlPct(ev.target.value)}
            />
            <FieldError errors={errors} name="controlShare" />
          </label>
        </div>
        <div className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="estimate">
          <p className="font-medium">
            {e.estimate}: <span data-testid="estimate-total">{formatKRW(estimate.total, locale)}</span>
          </p>
          <ul className="mt-1 text-xs text-slate-600">
            {estimate.channels.map((c) => (
              <li key={c.channel}>
                {w.channelNames[c.channel] ?? c.channel}:{" "}
                {fill(e.recipients, { n: c.recipients.toLocaleString("ko-KR") })} ×{" "}
                {formatKRW(c.costPerContact, locale)} = {formatKRW(c.cost, locale)}
              </li>
            ))}
          </ul>
          <p className="mt-1 text-xs text-slate-500">{e.estimateNote}</p>
          {estimate.overBudget ? <p className="mt-1 text-red-700">{e.overBudget}</p> : null}
          {adminNeeded ? (
            <p className="mt-2" data-testid="approval-note">
              <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">{e.needsAdmin}</span>{" "}
              <span className="text-xs text-slate-600">{fill(e.needsAdminNote, { threshold })}</span>
            </p>
          ) : (
            <p className="mt-2 text-xs text-slate-600" data-testid="approval-note">
              {fill(e.crmMayApprove, { threshold })}
            </p>
          )}
        </div>
      </Section>

      {formError ? (
        <p role="alert" className="text-sm text-red-800" data-testid="form-error">
          {formError}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending}
          className="min-h-10 rounded-md bg-slate-900 px-4 text-sm font-medium text-white disabled:opacity-60"
        >
          {pending ? e.saving : e.save}
        </button>
        <a
          href={id ? `/campaigns/${id}` : "/campaigns"}
          className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
        >
          {e.cancel}
        </a>
      </div>
    </form>
  );
}

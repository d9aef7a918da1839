"use client";

import { formatSeoulDateTime } from "@dangol/domain";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { fill } from "@/i18n/dictionaries";

type Labels = {
  email: string;
  password: string;
  submit: string;
  submitting: string;
  invalid: string;
  locked: string;
  disabled: string;
  failed: string;
};

/** Turns the server's error code (see signInErrorCode) into the sentence for the reader. */
function describe(code: string, labels: Labels): string {
  if (code.startsWith("locked:")) {
    const until = new Date(code.slice("locked:".length));
    const time = Number.isNaN(until.getTime()) ? "" : formatSeoulDateTime(until).slice(11);
    return fill(labels.locked, { time });
  }
  if (code === "disabled") return labels.disabled;
  if (code === "invalid" || code === "CredentialsSignin") return labels.invalid;
  return labels.failed;
}

export function SignInForm({ labels, next }: { labels: Labels; next: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      // A full load so every server component sees the new session cookie.
      window.location.assign(next);
      return;
    }
    setPending(false);
    setError(describe(result?.error ?? "", labels));
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {labels.email}
        <input
          name="email"
          type="email"
          autoComplete="username"
          required
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {labels.password}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal"
        />
      </label>
      {error ? (
        <p role="alert" data-testid="signin-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}

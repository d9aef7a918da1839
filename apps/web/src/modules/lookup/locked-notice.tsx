import { formatSeoulDateTime } from "@dangol/domain";
import { LOOKUP_LIMITS } from "@dangol/domain/lookup";
import { fill } from "@/i18n/dictionaries";

/** The refusal past the rate limit: what happened, until when, and who can help. */
export function LockedNotice({ until, text }: { until: Date; text: string }) {
  return (
    <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-red-900" data-testid="lookup-locked">
      {fill(text, { max: LOOKUP_LIMITS.maxLookups, time: formatSeoulDateTime(until).slice(11, 16) })}
    </p>
  );
}

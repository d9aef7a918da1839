import { formatCount, formatKRW, type Locale } from "@dangol/domain";
import type { Cue } from "@dangol/domain/lookup";
import { type Dictionary, fill } from "@/i18n/dictionaries";

/** One cue as the sentence the card shows; tiers and formats by their display names. */
export function cueText(cue: Cue, l: Dictionary["lookup"], locale: Locale, tierName: (code: string) => string): string {
  switch (cue.kind) {
    case "new":
      return l.cueNew;
    case "welcomeBack":
      return fill(l.cueWelcomeBack, { days: formatCount(cue.daysSince, locale) });
    case "regular":
      return `${fill(l.cueRegular, { days: cue.everyDays })}${cue.category ? fill(l.cueRegularCategory, { category: cue.category }) : ""}.`;
    case "pointsExpiring":
      return fill(l.cuePointsExpiring, { points: formatCount(cue.points, locale) });
    case "tierGap":
      return `${fill(l.cueTierGap, { tier: tierName(cue.tier), gap: formatKRW(cue.spendGap, locale) })}${
        cue.visitsGap > 0 ? fill(l.cueTierGapVisits, { visits: cue.visitsGap }) : ""
      }${l.cueTierGapEnd}`;
    case "keepTier":
      return fill(l.cueKeepTier, { tier: tierName(cue.tier) });
    case "due":
      return `${l.cueDue}${cue.category ? fill(l.cueDueCategory, { category: cue.category }) : ""}.`;
    case "invite":
      return fill(l.cueInvite, { formats: cue.formats.map((f) => l.divisions[f] ?? f).join(", ") });
  }
}

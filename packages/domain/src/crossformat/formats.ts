import { z } from "zod";

/** The group's three formats, in the order labels list them. */
export const FORMATS = ["DPT", "MART", "SM"] as const;
export type Format = (typeof FORMATS)[number];

export type FormatSpend = Record<Format, number>;

/**
 * Each format's share of spend. Net spend can be negative in a format (a return of something
 * bought before the window), so negatives count as zero; all zero gives all-zero shares.
 */
export function formatShares(spend: FormatSpend): FormatSpend {
  const positive = FORMATS.map((f) => Math.max(0, spend[f]));
  const total = positive.reduce((s, x) => s + x, 0);
  const share = (i: number) => (total > 0 ? positive[i]! / total : 0);
  return { DPT: share(0), MART: share(1), SM: share(2) };
}

/** "DPT", "MART+SM", "DPT+MART+SM" … from the formats used (a visit there); "NONE" when none. */
export function formatCombo(used: Iterable<Format>): string {
  const set = new Set(used);
  const label = FORMATS.filter((f) => set.has(f)).join("+");
  return label || "NONE";
}

export const crossFormatConfigSchema = z.object({
  /** A purchase at a store farther than this from the home region's centroid is "distant". */
  distantKm: z.number().positive().default(30),
  /** Invite only customers with at least this many visits (any format) in the last 12 months. */
  inviteMinVisits: z.number().int().min(1).default(4),
  /** Invite to DPT only customers spending at least this much (₩, 12 months, all formats). */
  inviteDptMinSpend: z.number().int().min(0).default(1_000_000),
});
export type CrossFormatConfig = z.output<typeof crossFormatConfigSchema>;
export const DEFAULT_CROSS_FORMAT_CONFIG: CrossFormatConfig = crossFormatConfigSchema.parse({});

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two WGS84 points. */
export function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type Place = { sido: string | null; sigungu: string | null; lat: number | null; lon: number | null };

/**
 * How far a store is from a customer's home region: haversine between the two centroids when both
 * have coordinates; otherwise only "same 시/도 or not" is known, so a different 시/도 counts as
 * distant with no distance. `distance` is undefined when it cannot be measured.
 */
export function storeDistance(
  home: Place,
  store: Place,
  config: CrossFormatConfig = DEFAULT_CROSS_FORMAT_CONFIG,
): { distant: boolean; km: number | undefined } | undefined {
  if (home.lat !== null && home.lon !== null && store.lat !== null && store.lon !== null) {
    const km = haversineKm({ lat: home.lat, lon: home.lon }, { lat: store.lat, lon: store.lon });
    return { distant: km > config.distantKm, km };
  }
  if (home.sido && store.sido) return { distant: home.sido !== store.sido, km: undefined };
  return undefined;
}

export type InvitationInput = {
  used: ReadonlySet<Format>;
  visits12m: number;
  spend12m: number;
  /** Only customers still buying are worth an invitation. */
  engaged: boolean;
};

/**
 * Formats to invite a customer to: every format they did not use in the last 12 months, if they
 * are engaged (lifecycle new, active or reactivated) and regular (≥ inviteMinVisits visits).
 * The department store additionally wants spenders (≥ inviteDptMinSpend), since its offer is
 * premium; a customer with no format at all is not a cross-format case.
 */
export function invitationFormats(
  input: InvitationInput,
  config: CrossFormatConfig = DEFAULT_CROSS_FORMAT_CONFIG,
): Format[] {
  if (!input.engaged || input.used.size === 0 || input.visits12m < config.inviteMinVisits) return [];
  return FORMATS.filter((f) => !input.used.has(f)).filter(
    (f) => f !== "DPT" || input.spend12m >= config.inviteDptMinSpend,
  );
}

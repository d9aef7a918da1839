/** The default holdout: one eligible customer in ten is kept out of the send. */
export const DEFAULT_CONTROL_SHARE = 0.1;

export type EligibleCustomer = { customerId: string; stratum: string };

export type StratumDraw = { stratum: string; eligible: number; control: number };

/** Both lists sorted by customerId, so the result compares equal however the input was ordered. */
export type ControlGroupDraw = { control: string[]; target: string[]; strata: StratumDraw[] };

/**
 * Splits the eligible customers into a random control group and the target, stratified by
 * `stratum` (the tier) so both groups hold the tiers in the same proportions and stay comparable.
 *
 * Sizes: the overall control size is round(N × share); it is shared out over the strata by
 * largest remainder (each stratum gets ⌊n × share⌋, the leftover seats go to the largest
 * fractional parts, ties to the stratum that sorts first). Rounding each stratum on its own would
 * drift: ten tiers of 4 customers at 10% would each round to 0 and the campaign would have no
 * control group at all.
 *
 * Pass `undefined` as share for the default 10%.
 *
 * The draw is a pure function of (the set of eligible customers, share, seed): each stratum is
 * shuffled from a copy sorted by customerId with a PRNG seeded by seed + stratum, so the input
 * order does not matter and a change in one tier's membership does not reshuffle another tier.
 */
export function drawControlGroup(
  eligible: readonly EligibleCustomer[],
  share: number = DEFAULT_CONTROL_SHARE,
  seed: string,
): ControlGroupDraw {
  // A fixed seed would hold out the same customers from every campaign; use the campaign's id.
  if (seed === "") throw new Error("a control group draw needs a seed (the campaign id)");
  // The campaign form's limit (model.ts, up to 0.5) is a business choice; this is only what a draw
  // can do: 1 would leave nobody to contact.
  if (!Number.isFinite(share) || share < 0 || share >= 1) {
    throw new RangeError(`control share must be in [0, 1), got ${share}`);
  }
  const byStratum = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { customerId, stratum } of eligible) {
    // A customer listed twice could land in both groups; the caller's eligibility query is wrong.
    if (seen.has(customerId)) throw new Error(`customer ${customerId} is listed twice among the eligible`);
    seen.add(customerId);
    const members = byStratum.get(stratum);
    if (members) members.push(customerId);
    else byStratum.set(stratum, [customerId]);
  }

  const strata = [...byStratum.keys()].sort(byCodeUnits);
  const sizes = controlSizes(
    strata.map((s) => byStratum.get(s)!.length),
    share,
  );

  const control: string[] = [];
  const target: string[] = [];
  const summary: StratumDraw[] = [];
  strata.forEach((stratum, i) => {
    const members = byStratum.get(stratum)!.sort(byCodeUnits);
    const k = sizes[i]!;
    const random = seededRandom(`${seed}\u0000${stratum}`);
    // Partial Fisher–Yates: the first k places end up a uniform random k-subset.
    for (let j = 0; j < k; j++) {
      const pick = j + Math.floor(random() * (members.length - j));
      [members[j], members[pick]] = [members[pick]!, members[j]!];
    }
    // A loop, not push(...slice): spreading a stratum of a million ids overflows the call stack.
    for (let j = 0; j < members.length; j++) (j < k ? control : target).push(members[j]!);
    summary.push({ stratum, eligible: members.length, control: k });
  });

  return { control: control.sort(byCodeUnits), target: target.sort(byCodeUnits), strata: summary };
}

// n × share in floating point can land a hair below a whole number (0.29 × 100 = 28.999…96);
// without the slack that stratum would lose its seat to a rounding error.
const SLACK = 1e-9;

/** Largest-remainder apportionment of round(Σn × share) over the strata sizes, in order. */
export function controlSizes(stratumSizes: readonly number[], share: number): number[] {
  const quotas = stratumSizes.map((n) => n * share);
  const sizes = quotas.map((q, i) => Math.min(stratumSizes[i]!, Math.floor(q + SLACK)));
  const totalQuota = quotas.reduce((a, b) => a + b, 0);
  let leftover = Math.floor(totalQuota + 0.5 + SLACK) - sizes.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, remainder: q - sizes[i]! }))
    .filter(({ i }) => sizes[i]! < stratumSizes[i]!)
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (leftover <= 0) break;
    sizes[i]! += 1;
    leftover--;
  }
  return sizes;
}

// Plain code-unit order: localeCompare would make the draw depend on the server's ICU data.
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * sfc32 seeded through cyrb128 (both public domain, bryc's "PRNGs in JavaScript"): 128 bits of
 * state, fast, and identical on every JS engine, which Math.random is not — a campaign's control
 * group must be redrawable from its stored seed.
 */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs still echo the hash; discarding a few is the usual warm-up.
  for (let i = 0; i < 15; i++) next();
  return next;
}

function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

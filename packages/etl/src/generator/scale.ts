/** Delivery sizes: how many people, how many stores per division, how much history by default. */
import { UserInputError } from "./errors.ts";
import type { Division } from "./types.ts";

export const SCALE_PRESETS = { tiny: 1_000, demo: 50_000, bench: 1_000_000 } as const;
export type ScaleName = keyof typeof SCALE_PRESETS;

/** Above this the member-number scrambling would leave exact double arithmetic. */
export const MAX_PEOPLE = 5_000_000;

const DEFAULT_DAYS: Record<ScaleName, number> = { tiny: 120, demo: 365, bench: 730 };

export interface Scale {
  people: number;
  stores: Record<Division, number>;
  defaultDays: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/** `tiny`, `demo`, `bench` or a number of people. */
export function resolveScale(scale: ScaleName | number): Scale {
  const people = typeof scale === "number" ? scale : SCALE_PRESETS[scale];
  if (!Number.isInteger(people) || people < 10 || people > MAX_PEOPLE) {
    throw new UserInputError(`scale must be between 10 and ${MAX_PEOPLE} people, not ${people}`);
  }
  return {
    people,
    // Unknown-store faults use the codes D99, M999 and S999: the caps keep them unissued.
    stores: {
      DPT: clamp(3 + people / 70_000, 3, 16),
      MART: clamp(5 + people / 8_500, 5, 120),
      SM: clamp(8 + people / 3_400, 8, 300),
    },
    defaultDays: typeof scale === "number" ? 365 : DEFAULT_DAYS[scale],
  };
}

export { DEFAULT_END } from "./calendar.ts";
export { MANIFEST, type ManifestEntry, REDELIVERED } from "./delivery.ts";
export { UserInputError } from "./errors.ts";
export { FAULT_KINDS, FAULTS, type FaultKind } from "./faults.ts";
export { FORMATS } from "./formats/index.ts";
export { type GenerateOptions, type GenerateSummary, generate } from "./generate.ts";
export { FORMAT_MIX } from "./people.ts";
export { resolveScale, SCALE_PRESETS, type ScaleName } from "./scale.ts";
export { IDENTITIES, IDENTITY_COLUMNS, PLANTED, TRUTH_DIR } from "./truth.ts";

import type { Division } from "../types.ts";
import { dptFormat } from "./dpt.ts";
import { martFormat } from "./mart.ts";
import type { FeedFormat } from "./shared.ts";
import { smFormat } from "./sm.ts";

export const FORMATS: Record<Division, FeedFormat> = { DPT: dptFormat, MART: martFormat, SM: smFormat };
export type { FeedFormat, Row } from "./shared.ts";

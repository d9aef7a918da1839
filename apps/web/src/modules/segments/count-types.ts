import { segmentDefinitionSchema } from "@dangol/domain";
import { z } from "zod";

/** POST /api/segments/count's body: the rule tree being edited. */
export const countRequestSchema = z.object(
  { definition: segmentDefinitionSchema },
  { error: "the body must be { definition }" },
);

/** Its answer, re-parsed on the way out so no other field leaks. */
export const countResponseSchema = z.object({
  size: z.number(),
  baseSize: z.number(),
  share: z.number(),
  spend12m: z.number(),
  baseSpend12m: z.number(),
  spendShare: z.number(),
  ms: z.number(),
  sql: z.string(),
  values: z.array(z.unknown()),
});
export type CountResponse = z.output<typeof countResponseSchema>;

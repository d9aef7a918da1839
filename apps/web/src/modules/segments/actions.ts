"use server";

import { getPrisma } from "@dangol/db/client";
import { UserInputError } from "@dangol/db/users";
import { SEGMENT_THEMES, segmentDefinitionSchema } from "@dangol/domain";
import { deleteSegment, getSegment, saveSegment, takeManualSnapshot, updateSegment } from "@dangol/segments";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/server/action";

/**
 * The segment services refuse with their own error kinds; the action helper shows a UserInputError's
 * sentence beside the button, so a refusal (bad input, someone else's segment, gone) reads as one.
 */
async function refusalsShown<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      error instanceof Error &&
      ["SegmentInputError", "SegmentForbiddenError", "SegmentNotFoundError"].includes(error.name)
    )
      throw new UserInputError(error.message, (error as { field?: string }).field);
    throw error;
  }
}

const segmentId = z.string({ error: "segment id is missing" }).regex(/^\d{1,18}$/, "segment id must be a number");

const saveSchema = z.object({
  id: segmentId.optional(),
  /** the version the builder opened: a save over a colleague's newer one is refused */
  expectedVersion: z.number().int().positive().optional(),
  name: z.string({ error: "name is missing" }).trim().min(1, "이름을 입력하세요.").max(120, "이름은 120자까지입니다."),
  description: z.string().trim().max(2000, "설명은 2,000자까지입니다.").default(""),
  themes: z
    .array(z.enum(SEGMENT_THEMES, { error: "unknown theme" }))
    .max(SEGMENT_THEMES.length)
    .default([]),
  definition: segmentDefinitionSchema,
});

/** Save the builder's tree: a new segment, or a new version of one the user may edit. */
export const saveSegmentAction = defineAction({ area: "segments", schema: saveSchema }, async (input, { actor }) => {
  const { id, expectedVersion, ...fields } = input;
  const saved = await refusalsShown(() =>
    id
      ? updateSegment(getPrisma(), actor, id, { ...fields, ...(expectedVersion ? { expectedVersion } : {}) })
      : saveSegment(getPrisma(), actor, fields),
  );
  revalidatePath("/segments");
  return { id: saved.id.toString() };
});

/** A ready-made segment (or anyone's) as the user's own editable copy. */
export const duplicateSegmentAction = defineAction(
  { area: "segments", schema: z.object({ id: segmentId, name: z.string().trim().min(1).max(120) }) },
  async ({ id, name }, { actor }) => {
    const copy = await refusalsShown(async () => {
      const source = await getSegment(getPrisma(), actor, id);
      return saveSegment(getPrisma(), actor, {
        name,
        description: source.description,
        themes: source.themes,
        definition: source.definition,
      });
    });
    revalidatePath("/segments");
    return { id: copy.id.toString() };
  },
);

export const deleteSegmentAction = defineAction(
  { area: "segments", schema: z.object({ id: segmentId }) },
  async ({ id }, { actor }) => {
    await refusalsShown(() => deleteSegment(getPrisma(), actor, id));
    revalidatePath("/segments");
    return { id };
  },
);

/** "스냅숏 찍기": records the members now, so the size-over-time chart gains a point. */
export const takeSnapshotAction = defineAction(
  { area: "segments", schema: z.object({ id: segmentId }) },
  async ({ id }, { actor }) => {
    const snapshot = await refusalsShown(() => takeManualSnapshot(getPrisma(), actor, id));
    revalidatePath(`/segments/${id}`);
    return { size: snapshot.size };
  },
);

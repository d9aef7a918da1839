import { getPrisma } from "@dangol/db/client";

/** Every store as `DIVISION:CODE`, for the store picker (store codes repeat across divisions). */
export async function listStoreOptions(): Promise<{ ref: string; label: string }[]> {
  const stores = await getPrisma().store.findMany({
    where: { active: true },
    orderBy: [{ sourceCode: "asc" }, { code: "asc" }],
    select: { sourceCode: true, code: true, name: true },
  });
  return stores.map((s) => ({ ref: `${s.sourceCode}:${s.code}`, label: `${s.sourceCode}:${s.code} ${s.name}` }));
}

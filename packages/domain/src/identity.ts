export * from "./identity/golden.ts";
export * from "./identity/identity-index.ts";
export * from "./identity/jamo.ts";
export * from "./identity/resolve.ts";
export * from "./identity/score.ts";
export * from "./identity/types.ts";
export * from "./identity/union-find.ts";

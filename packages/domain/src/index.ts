export * from "./access/roles.ts";
export * from "./access/store-ref.ts";
export * from "./auth/lockout.ts";
export * from "./auth/password-policy.ts";
export * from "./customers/mask.ts";
export * from "./format/locale.ts";
export * from "./queries.ts";
export * from "./segments.ts";

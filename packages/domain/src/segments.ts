export * from "./segments/access.ts";
export * from "./segments/compile.ts";
export * from "./segments/model.ts";
export * from "./segments/ready-made.ts";

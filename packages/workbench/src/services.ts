// The workbench's services (saved queries, runs, results, exports, schedules, pins), imported by
// the web app and the worker as "@dangol/workbench/services"; the executor is "@dangol/workbench".
export * from "./export.ts";
export * from "./mail.ts";
export * from "./pins.ts";
export * from "./result-page.ts";
export * from "./runs.ts";
export * from "./saved-queries.ts";
export * from "./schedules.ts";
export * from "./service-errors.ts";

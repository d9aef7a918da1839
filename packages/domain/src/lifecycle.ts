export * from "./lifecycle/stage.ts";

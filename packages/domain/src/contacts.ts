export * from "./contacts/campaign-timeline.ts";
export * from "./contacts/contact-value.ts";
export * from "./contacts/note.ts";
export * from "./contacts/points-adjustment.ts";
export * from "./contacts/timeline.ts";

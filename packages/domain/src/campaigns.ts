// Campaigns (issue 8): the send rules, the definition and its life cycle, control groups and lift.
export * from "./campaigns/ad-message.ts";
export * from "./campaigns/channels.ts";
export * from "./campaigns/consent.ts";
export * from "./campaigns/control-group.ts";
export * from "./campaigns/eligibility.ts";
export * from "./campaigns/frequency-cap.ts";
export * from "./campaigns/gross-margin.ts";
export * from "./campaigns/lifecycle.ts";
export * from "./campaigns/lift.ts";
export * from "./campaigns/model.ts";
export * from "./campaigns/normal.ts";
export * from "./campaigns/quiet-hours.ts";
export * from "./campaigns/response.ts";
export * from "./campaigns/schedule.ts";
export * from "./campaigns/seoul-clock.ts";
export * from "./campaigns/settings.ts";

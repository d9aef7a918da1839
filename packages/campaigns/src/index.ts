// The campaign services (definition and life cycle, launch planning, dispatch through the channel
// providers, measurement), imported by the web app, the worker and the CLI. The rules themselves
// are @dangol/domain's (pure).
export * from "./calendar.ts";
export * from "./campaigns.ts";
export * from "./compose.ts";
export * from "./consent/addresses.ts";
export * from "./consent/consent-export.ts";
export { type OptOut, recomputeCustomerConsent, recordOptOuts } from "./consent/opt-outs.ts";
export * from "./consent/optout-080.ts";
export * from "./consent/suppressions.ts";
export * from "./consent/unsubscribe.ts";
export * from "./dispatch.ts";
export * from "./errors.ts";
export * from "./launch.ts";
export * from "./measure.ts";
export * from "./progress.ts";
export * from "./promotions.ts";
export * from "./providers/index.ts";
export {
  cancelPendingContacts,
  createRun,
  dispatchJobId,
  failRun,
  queueDispatches,
  requeueOpenBatches,
} from "./runs.ts";
export * from "./scheduler.ts";
export { capDays, channelAddress, decide, loadSendInputs, type SendInputs } from "./send-inputs.ts";
export * from "./settings.ts";

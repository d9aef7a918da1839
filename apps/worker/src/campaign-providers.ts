import { defaultProviders, type ProviderSet } from "@dangol/campaigns";

let providers: ProviderSet | undefined;

/** The channel providers this worker sends through, built once from the environment. */
export function campaignProviders(): ProviderSet {
  providers ??= defaultProviders();
  return providers;
}

/** The e-mail opt-out link per contact; none until the unsubscribe page is wired. */
export function unsubscribeLinks(): ((contactId: bigint) => string | null) | undefined {
  return undefined;
}

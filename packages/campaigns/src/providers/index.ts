import { outboxProvider } from "./outbox.ts";
import type { ProviderSet } from "./provider.ts";

export * from "./outbox.ts";
export * from "./provider.ts";

/**
 * The providers the worker sends through. DM and TM always go to the outbox, read back as the print
 * vendor's file and the call centre's list; SMS and e-mail use the outbox until an outside provider
 * is configured.
 */
export function defaultProviders(): ProviderSet {
  return {
    SMS: outboxProvider(),
    EMAIL: outboxProvider(),
    DM: outboxProvider("dm_file"),
    TM: outboxProvider("tm_list"),
  };
}

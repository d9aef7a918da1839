import { acsSmsConfig } from "@dangol/config";
import { acsSmsProvider } from "./acs-sms.ts";
import { outboxProvider } from "./outbox.ts";
import type { ProviderSet } from "./provider.ts";
import { smtpProvider } from "./smtp.ts";

export * from "./acs-sms.ts";
export * from "./outbox.ts";
export * from "./provider.ts";
export * from "./smtp.ts";

export type ProviderEnv = {
  SMTP_URL?: string;
  MAIL_FROM?: string;
  ACS_SMS_ENDPOINT?: string;
  ACS_SMS_ACCESS_KEY?: string;
  ACS_SMS_FROM?: string;
};

/**
 * The providers the worker sends through. SMS goes to Azure Communication Services when its three
 * variables are set and e-mail to SMTP when SMTP_URL is; otherwise each waits in the outbox for
 * review. DM and TM always go to the outbox, read back as the print vendor's file and the call
 * centre's list.
 */
export function providersFromEnv(env: ProviderEnv): ProviderSet {
  const acs = acsSmsConfig(env);
  return {
    SMS: acs ? acsSmsProvider(acs) : outboxProvider(),
    EMAIL: env.SMTP_URL
      ? smtpProvider({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? "Dangol <dangol@localhost>" })
      : outboxProvider(),
    DM: outboxProvider("dm_file"),
    TM: outboxProvider("tm_list"),
  };
}

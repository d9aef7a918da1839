import { type ProviderSet, providersFromEnv, unsubscribeUrl } from "@dangol/campaigns";
import { acsSmsEnv, authEnv, mailEnv, parseEnv, publicBaseUrl, publicUrlEnv } from "@dangol/config";

let providers: ProviderSet | undefined;

/**
 * The channel providers this worker sends through, built once from the environment (SMTP_URL,
 * MAIL_FROM, ACS_SMS_*). Read at the first dispatch rather than at boot, so a worker that never
 * sends a campaign does not need them valid.
 */
export function campaignProviders(): ProviderSet {
  providers ??= providersFromEnv(parseEnv({ ...mailEnv, ...acsSmsEnv }));
  return providers;
}

/**
 * The e-mail opt-out link per contact, on the web app's public address (AUTH_URL / NEXTAUTH_URL).
 * AUTH_SECRET signs it; without one the dispatch fails with the variable named rather than
 * sending an ad e-mail nobody can unsubscribe from.
 */
export function unsubscribeLinks(): (contactId: bigint) => string | null {
  const env = parseEnv({ ...publicUrlEnv, ...authEnv });
  const base = publicBaseUrl(env);
  return (contactId) => unsubscribeUrl(base, contactId, env.AUTH_SECRET);
}

/** On shutdown: an open SMTP connection says QUIT. */
export async function closeCampaignProviders(): Promise<void> {
  const current = providers;
  providers = undefined;
  for (const provider of Object.values(current ?? {})) {
    if (provider.kind === "remote") await provider.close?.();
  }
}

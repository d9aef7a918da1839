import type { CONSENT_CHANNELS } from "../segments/model.ts";

/** The schema's consent channels; NIGHT is the separate night-time advertising consent the law asks for. */
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export type CampaignChannelRule = {
  /** the consent that must be granted at send time */
  consent: Exclude<ConsentChannel, "NIGHT">;
  /** whether an ad on this channel is held from 21:00 to 08:00 KST without night-time consent */
  quietHours: boolean;
};

/**
 * Every rule that differs by campaign channel, one line per channel, so adding Kakao AlimTalk is
 * one more entry here (plus its consent channel in the schema if it gets its own).
 *
 * Quiet hours: the law (정보통신망법 §50③) covers electronic media, which takes in SMS and phone
 * calls (TM) but not post (DM). Its decree (시행령 §61③) exempts e-mail; the issue holds e-mail ads
 * at night anyway, and holding a send is never a breach, so e-mail stays held until someone decides
 * otherwise here.
 */
export const CAMPAIGN_CHANNEL_RULES = {
  SMS: { consent: "SMS", quietHours: true },
  EMAIL: { consent: "EMAIL", quietHours: true },
  DM: { consent: "DM", quietHours: false },
  TM: { consent: "TM", quietHours: true },
} as const satisfies Record<string, CampaignChannelRule>;

export type CampaignChannel = keyof typeof CAMPAIGN_CHANNEL_RULES;
export const CAMPAIGN_CHANNELS = Object.keys(CAMPAIGN_CHANNEL_RULES) as CampaignChannel[];

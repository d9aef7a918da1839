import type { Metadata } from "next";
import { loadUnsubscribeTarget, UnsubscribeNotFound, UnsubscribePage } from "@/modules/unsubscribe/unsubscribe-page";

// Public on purpose (outside the signed-in route groups): the signed token is the only credential.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "수신거부 · Unsubscribe", robots: { index: false, follow: false } };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = decodeURIComponent((await params).token);
  const target = await loadUnsubscribeTarget(token);
  if (!target) return <UnsubscribeNotFound />;
  const r = (await searchParams).r;
  return <UnsubscribePage token={token} target={target} result={typeof r === "string" ? r : undefined} />;
}

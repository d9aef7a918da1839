import { getCampaign, loadCampaignSettings } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import { listSegments } from "@dangol/segments";
import { notFound } from "next/navigation";
import type { Session } from "next-auth";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { CampaignEditor, type EditorSegment } from "./components/editor-form.tsx";
import { campaignUser } from "./user.ts";

/** Callers guard with requireRole("campaigns"); `id` edits an existing DRAFT, none creates one. */
export async function CampaignEditorPage({ session, id }: { session: Session; id?: string }) {
  const { locale, t } = await getDictionary();
  const w = t.campaigns;
  const prisma = getPrisma();
  const user = campaignUser(session.user);
  const campaign = id
    ? await getCampaign(prisma, user, id).catch((error: unknown) => {
        if (error instanceof Error && error.name === "CampaignNotFoundError") notFound();
        throw error;
      })
    : null;
  const [segments, settings] = await Promise.all([listSegments(prisma, user), loadCampaignSettings(prisma)]);
  const title = campaign ? `${w.editor.editTitle}: ${campaign.name}` : w.editor.newTitle;
  // Content is edited only in DRAFT, by its owner or an admin (the service refuses the rest too).
  if (campaign && (campaign.state !== "DRAFT" || (campaign.ownerId !== user.id && user.role !== "ADMIN"))) {
    return (
      <div>
        <PageHeader title={title} />
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          {w.editor.notEditable}
        </p>
      </div>
    );
  }
  const options: EditorSegment[] = segments.map((s) => ({
    id: s.id.toString(),
    name: s.name,
    size: s.lastSnapshot?.size ?? null,
  }));
  return (
    <div>
      <PageHeader title={title} />
      <CampaignEditor
        {...(campaign ? { id: campaign.id, version: campaign.version } : {})}
        initial={campaign?.definition ?? null}
        segments={options}
        settings={{
          senderName: settings.senderName,
          senderPhone: settings.senderPhone,
          optOut080: settings.optOut080,
          approvalThreshold: settings.approvalThreshold,
        }}
        themeNames={t.segments.themeNames}
        locale={locale}
        w={w}
      />
    </div>
  );
}

import type { Role } from "../access/roles.ts";

/*
 * The campaign's state machine. The caller records every accepted transition (who, when, from,
 * action, to) in the audit log; this module only decides whether it may happen.
 *
 *   DRAFT      edit → DRAFT, approve → APPROVED
 *   APPROVED   schedule → SCHEDULED, revise → DRAFT
 *   SCHEDULED  start → RUNNING, revise → DRAFT
 *   RUNNING    pause → PAUSED, complete → COMPLETED
 *   PAUSED     resume → RUNNING, complete → COMPLETED
 *   any of the above: cancel → CANCELLED; COMPLETED and CANCELLED are final.
 *
 * Choices the issue leaves open:
 * - No "submitted" state: the list has none, so an approver approves a DRAFT directly.
 * - Approval: a budget above the threshold needs an ADMIN. At or below it an ADMIN or any
 *   CRM_MANAGER approves, the campaign's owner included: a small team must be able to launch its
 *   everyday campaigns without waiting for an admin, and the audit log names who approved. A campaign
 *   without a budget has no ceiling, so it counts as above the threshold (fail closed).
 * - Content is edited only in DRAFT, by its owner or an ADMIN. `revise` takes an APPROVED or
 *   SCHEDULED campaign back to DRAFT so it can be edited; its approval lapses with it.
 * - pause / resume / cancel are open to every campaign role, owner or not: stopping a bad send must
 *   not wait for the owner to come back from lunch.
 * - start and complete are what the worker does when the scheduled time comes and when the campaign
 *   has run its course ("SYSTEM"); a campaign role may do them by hand (send now, end a recurring
 *   campaign). The system never approves, edits, pauses or cancels.
 */

export const CAMPAIGN_STATES = [
  "DRAFT",
  "APPROVED",
  "SCHEDULED",
  "RUNNING",
  "PAUSED",
  "COMPLETED",
  "CANCELLED",
] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

/** In the order the UI shows its buttons. */
export const CAMPAIGN_ACTIONS = [
  "edit",
  "approve",
  "revise",
  "schedule",
  "start",
  "pause",
  "resume",
  "complete",
  "cancel",
] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

export const FINAL_STATES: readonly CampaignState[] = ["COMPLETED", "CANCELLED"];

/** The worker acting on its own, as opposed to a signed-in user. */
export const SYSTEM_ACTOR = "SYSTEM";
export type CampaignActor = Role | typeof SYSTEM_ACTOR;

export type TransitionContext = {
  role: CampaignActor;
  /** the campaign's budget in won; null or undefined when it has none */
  budget: number | null | undefined;
  /** budgets above this need an ADMIN's approval */
  approvalThreshold: number;
  /** whether the acting user created the campaign */
  isOwner: boolean;
};

const MOVES: Record<CampaignAction, { from: readonly CampaignState[]; to: CampaignState | "same" }> = {
  edit: { from: ["DRAFT"], to: "same" },
  approve: { from: ["DRAFT"], to: "APPROVED" },
  revise: { from: ["APPROVED", "SCHEDULED"], to: "DRAFT" },
  schedule: { from: ["APPROVED"], to: "SCHEDULED" },
  start: { from: ["SCHEDULED"], to: "RUNNING" },
  pause: { from: ["RUNNING"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "RUNNING" },
  complete: { from: ["RUNNING", "PAUSED"], to: "COMPLETED" },
  cancel: { from: ["DRAFT", "APPROVED", "SCHEDULED", "RUNNING", "PAUSED"], to: "CANCELLED" },
};

const CAMPAIGN_ROLES: readonly CampaignActor[] = ["ADMIN", "CRM_MANAGER"];
const SYSTEM_ACTIONS: readonly CampaignAction[] = ["start", "complete"];
const OWNER_ACTIONS: readonly CampaignAction[] = ["edit", "revise"];

export const TRANSITION_REFUSALS = [
  "final_state",
  "not_from_state",
  "forbidden_role",
  "not_owner",
  "admin_approval_required",
] as const;
export type TransitionRefusal = (typeof TRANSITION_REFUSALS)[number];

export type TransitionResult =
  | { ok: true; from: CampaignState; action: CampaignAction; to: CampaignState }
  | { ok: false; reason: TransitionRefusal; message: { ko: string; en: string } };

const STATE_KO: Record<CampaignState, string> = {
  DRAFT: "작성 중",
  APPROVED: "승인됨",
  SCHEDULED: "예약됨",
  RUNNING: "진행 중",
  PAUSED: "일시 중지",
  COMPLETED: "완료",
  CANCELLED: "취소",
};

function refuse(reason: TransitionRefusal, state: CampaignState, action: CampaignAction): TransitionResult {
  const messages: Record<TransitionRefusal, { ko: string; en: string }> = {
    final_state: {
      ko: `${STATE_KO[state]} 상태의 캠페인은 더 이상 바꿀 수 없습니다.`,
      en: `A ${state} campaign can no longer change.`,
    },
    not_from_state: {
      ko: `${STATE_KO[state]} 상태에서는 이 작업(${action})을 할 수 없습니다.`,
      en: `A ${state} campaign cannot ${action}.`,
    },
    forbidden_role: { ko: "이 작업을 할 권한이 없습니다.", en: `This role may not ${action} a campaign.` },
    not_owner: {
      ko: "캠페인 작성자나 관리자만 내용을 고칠 수 있습니다.",
      en: "Only the campaign's owner or an ADMIN may change its content.",
    },
    admin_approval_required: {
      ko: "예산이 승인 한도를 넘거나 정해지지 않아 관리자(ADMIN)의 승인이 필요합니다.",
      en: "The budget is above the approval threshold (or not set), so an ADMIN must approve.",
    },
  };
  return { ok: false, reason, message: messages[reason] };
}

/** Budgets above the threshold, and campaigns without a budget, need an ADMIN to approve. */
export function needsAdminApproval(budget: number | null | undefined, approvalThreshold: number): boolean {
  return budget === null || budget === undefined || budget > approvalThreshold;
}

/**
 * The state after `action`, or why it is refused. Checks in this order, so the message answers the
 * first question a user would ask: is the campaign finished, is the action possible from here, may
 * this role do it at all, and only then ownership and the approval threshold.
 */
export function transition(state: CampaignState, action: CampaignAction, ctx: TransitionContext): TransitionResult {
  if (FINAL_STATES.includes(state)) return refuse("final_state", state, action);
  const move = MOVES[action];
  if (!move.from.includes(state)) return refuse("not_from_state", state, action);

  const allowedRole = ctx.role === SYSTEM_ACTOR ? SYSTEM_ACTIONS.includes(action) : CAMPAIGN_ROLES.includes(ctx.role);
  if (!allowedRole) return refuse("forbidden_role", state, action);
  if (OWNER_ACTIONS.includes(action) && !ctx.isOwner && ctx.role !== "ADMIN") return refuse("not_owner", state, action);
  if (action === "approve" && ctx.role !== "ADMIN" && needsAdminApproval(ctx.budget, ctx.approvalThreshold)) {
    return refuse("admin_approval_required", state, action);
  }
  return { ok: true, from: state, action, to: move.to === "same" ? state : move.to };
}

/** The actions this actor may take on a campaign in `state`, in button order. */
export function allowedActions(state: CampaignState, ctx: TransitionContext): CampaignAction[] {
  return CAMPAIGN_ACTIONS.filter((action) => transition(state, action, ctx).ok);
}

/** Whether the campaign's channels, offer and schedule may be changed. */
export function isEditable(state: CampaignState): boolean {
  return MOVES.edit.from.includes(state);
}

import { describe, expect, it } from "vitest";
import {
  allowedActions,
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATES,
  type CampaignAction,
  type CampaignState,
  isEditable,
  needsAdminApproval,
  type TransitionContext,
  transition,
} from "./lifecycle.ts";

const admin: TransitionContext = { role: "ADMIN", budget: 500_000, approvalThreshold: 1_000_000, isOwner: true };
const manager: TransitionContext = { ...admin, role: "CRM_MANAGER" };
const otherManager: TransitionContext = { ...manager, isOwner: false };
const system: TransitionContext = { ...admin, role: "SYSTEM", isOwner: false };

const next = (state: CampaignState, action: CampaignAction, ctx: TransitionContext) => {
  const r = transition(state, action, ctx);
  return r.ok ? r.to : r.reason;
};

describe("transition", () => {
  // Every state × action for an owner ADMIN, who passes every role check: only the state decides.
  const expected: Record<CampaignState, Partial<Record<CampaignAction, CampaignState>>> = {
    DRAFT: { edit: "DRAFT", approve: "APPROVED", cancel: "CANCELLED" },
    APPROVED: { revise: "DRAFT", schedule: "SCHEDULED", cancel: "CANCELLED" },
    SCHEDULED: { revise: "DRAFT", start: "RUNNING", cancel: "CANCELLED" },
    RUNNING: { pause: "PAUSED", complete: "COMPLETED", cancel: "CANCELLED" },
    PAUSED: { resume: "RUNNING", complete: "COMPLETED", cancel: "CANCELLED" },
    COMPLETED: {},
    CANCELLED: {},
  };
  for (const state of CAMPAIGN_STATES) {
    for (const action of CAMPAIGN_ACTIONS) {
      const to = expected[state][action];
      const final = state === "COMPLETED" || state === "CANCELLED";
      it(`${state} --${action}--> ${to ?? (final ? "refused: final" : "refused: not from this state")}`, () => {
        expect(next(state, action, admin)).toBe(to ?? (final ? "final_state" : "not_from_state"));
      });
    }
  }

  it("returns from, action and to for the audit log", () => {
    expect(transition("RUNNING", "pause", manager)).toEqual({
      ok: true,
      from: "RUNNING",
      action: "pause",
      to: "PAUSED",
    });
  });

  it("explains a refusal in Korean and English", () => {
    const r = transition("COMPLETED", "cancel", admin);
    expect(r).toEqual({
      ok: false,
      reason: "final_state",
      message: {
        ko: "완료 상태의 캠페인은 더 이상 바꿀 수 없습니다.",
        en: "A COMPLETED campaign can no longer change.",
      },
    });
    const s = transition("RUNNING", "approve", admin);
    expect(s.ok === false && s.message.en).toBe("A RUNNING campaign cannot approve.");
  });

  it("refuses analysts and store staff every action, in every state where it would be possible", () => {
    for (const role of ["ANALYST", "STORE_STAFF"] as const) {
      expect(next("DRAFT", "edit", { ...admin, role })).toBe("forbidden_role");
      expect(next("DRAFT", "approve", { ...admin, role, budget: 0 })).toBe("forbidden_role");
      expect(next("RUNNING", "pause", { ...admin, role })).toBe("forbidden_role");
      expect(next("PAUSED", "cancel", { ...admin, role })).toBe("forbidden_role");
    }
  });

  it("refuses a role it does not know (fail closed)", () => {
    expect(next("RUNNING", "pause", { ...admin, role: "GUEST" as never })).toBe("forbidden_role");
  });

  describe("approval", () => {
    it("lets a CRM_MANAGER approve its own campaign at or below the threshold", () => {
      expect(next("DRAFT", "approve", { ...manager, budget: 1_000_000 })).toBe("APPROVED");
      expect(next("DRAFT", "approve", { ...manager, budget: 0 })).toBe("APPROVED");
      expect(next("DRAFT", "approve", { ...otherManager, budget: 999_999 })).toBe("APPROVED");
    });

    it("needs an ADMIN one won above the threshold", () => {
      const r = transition("DRAFT", "approve", { ...manager, budget: 1_000_001 });
      expect(r.ok ? r.to : r.reason).toBe("admin_approval_required");
      expect(r.ok === false && r.message.ko).toMatch(/관리자\(ADMIN\)의 승인이 필요합니다/);
      expect(next("DRAFT", "approve", { ...admin, budget: 1_000_001, isOwner: false })).toBe("APPROVED");
    });

    it("needs an ADMIN when the campaign has no budget", () => {
      expect(next("DRAFT", "approve", { ...manager, budget: null })).toBe("admin_approval_required");
      expect(next("DRAFT", "approve", { ...manager, budget: undefined })).toBe("admin_approval_required");
      expect(next("DRAFT", "approve", { ...admin, budget: null })).toBe("APPROVED");
    });

    it("is never done by the system", () => {
      expect(next("DRAFT", "approve", { ...system, budget: 0 })).toBe("forbidden_role");
    });
  });

  describe("content changes", () => {
    it("lets the owner or an ADMIN edit and revise, not another manager", () => {
      expect(next("DRAFT", "edit", manager)).toBe("DRAFT");
      expect(next("DRAFT", "edit", { ...admin, isOwner: false })).toBe("DRAFT");
      expect(next("DRAFT", "edit", otherManager)).toBe("not_owner");
      expect(next("SCHEDULED", "revise", otherManager)).toBe("not_owner");
      expect(next("APPROVED", "revise", manager)).toBe("DRAFT");
    });

    it("names the state before the owner: a non-owner editing a running campaign hears it is running", () => {
      expect(next("RUNNING", "edit", otherManager)).toBe("not_from_state");
    });
  });

  describe("running the campaign", () => {
    it("lets any campaign role pause, resume and cancel, owner or not", () => {
      expect(next("RUNNING", "pause", otherManager)).toBe("PAUSED");
      expect(next("PAUSED", "resume", otherManager)).toBe("RUNNING");
      expect(next("SCHEDULED", "cancel", otherManager)).toBe("CANCELLED");
    });

    it("lets the system start and complete but not pause, resume, cancel or schedule", () => {
      expect(next("SCHEDULED", "start", system)).toBe("RUNNING");
      expect(next("RUNNING", "complete", system)).toBe("COMPLETED");
      expect(next("RUNNING", "pause", system)).toBe("forbidden_role");
      expect(next("PAUSED", "resume", system)).toBe("forbidden_role");
      expect(next("RUNNING", "cancel", system)).toBe("forbidden_role");
      expect(next("APPROVED", "schedule", system)).toBe("forbidden_role");
    });

    it("lets a manager start by hand (send now) and end a paused campaign", () => {
      expect(next("SCHEDULED", "start", otherManager)).toBe("RUNNING");
      expect(next("PAUSED", "complete", otherManager)).toBe("COMPLETED");
    });
  });
});

describe("allowedActions", () => {
  it("lists the owner manager's buttons on a draft under the threshold", () => {
    expect(allowedActions("DRAFT", manager)).toEqual(["edit", "approve", "cancel"]);
  });

  it("leaves out approve above the threshold and edit for someone else's draft", () => {
    expect(allowedActions("DRAFT", { ...otherManager, budget: 2_000_000 })).toEqual(["cancel"]);
    expect(allowedActions("DRAFT", { ...admin, budget: 2_000_000, isOwner: false })).toEqual([
      "edit",
      "approve",
      "cancel",
    ]);
  });

  it("gives the running-campaign buttons in order", () => {
    expect(allowedActions("RUNNING", manager)).toEqual(["pause", "complete", "cancel"]);
    expect(allowedActions("PAUSED", manager)).toEqual(["resume", "complete", "cancel"]);
    expect(allowedActions("SCHEDULED", manager)).toEqual(["revise", "start", "cancel"]);
    expect(allowedActions("APPROVED", otherManager)).toEqual(["schedule", "cancel"]);
  });

  it("gives nothing in a final state or to a role without campaigns", () => {
    expect(allowedActions("COMPLETED", admin)).toEqual([]);
    expect(allowedActions("CANCELLED", admin)).toEqual([]);
    expect(allowedActions("RUNNING", { ...admin, role: "ANALYST" })).toEqual([]);
  });

  it("gives the system only its own moves", () => {
    expect(allowedActions("SCHEDULED", system)).toEqual(["start"]);
    expect(allowedActions("PAUSED", system)).toEqual(["complete"]);
    expect(allowedActions("DRAFT", system)).toEqual([]);
  });
});

describe("needsAdminApproval", () => {
  it("is true strictly above the threshold and when there is no budget", () => {
    expect(needsAdminApproval(100, 100)).toBe(false);
    expect(needsAdminApproval(101, 100)).toBe(true);
    expect(needsAdminApproval(0, 0)).toBe(false);
    expect(needsAdminApproval(null, 100)).toBe(true);
    expect(needsAdminApproval(undefined, 100)).toBe(true);
  });
});

describe("isEditable", () => {
  it("is true only in DRAFT", () => {
    expect(CAMPAIGN_STATES.filter(isEditable)).toEqual(["DRAFT"]);
  });
});

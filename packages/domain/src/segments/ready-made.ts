import type { SegmentGroup, SegmentNode, SegmentTheme } from "./model.ts";

export type ReadyMadeSegment = { key: SegmentTheme; name: string; description: string; definition: SegmentGroup };

const and = (...children: SegmentNode[]): SegmentGroup => ({ kind: "group", op: "and", negate: false, children });

/**
 * One example per theme, built from the same rules a user picks in the builder, so a new CRM
 * manager starts from something that counts. Tier codes are the group's (VVIP > VIP > GOLD >
 * SILVER > FAMILY); category codes are HQ's tree (10 신선식품, 1010 과일, 1030 정육/수산).
 */
export const READY_MADE_SEGMENTS: readonly ReadyMadeSegment[] = [
  {
    key: "win_back",
    name: "휴면·이탈위험 우수고객 (재방문 유도)",
    description: "휴면 또는 이탈위험 단계이면서 지난 1년 50만원 이상 구매한 고객",
    definition: and(
      { kind: "rule", field: "lifecycle", stages: ["dormant", "at_risk"] },
      { kind: "rule", field: "spend", withinDays: 365, op: "gte", amount: 500_000 },
    ),
  },
  {
    key: "purchase_cycle",
    name: "구매주기 도래 고객",
    description: "평소 구매 간격으로 보아 지금 구매할 때가 된 고객",
    definition: and({ kind: "rule", field: "cycle_due" }),
  },
  {
    key: "cross_sell",
    name: "과일 구매, 정육/수산 미구매 (교차판매)",
    description: "최근 90일 과일을 샀지만 정육/수산은 사지 않은 고객",
    definition: and(
      { kind: "rule", field: "category_bought", category: "1010", withinDays: 90 },
      { kind: "rule", field: "category_not_bought", category: "1030", withinDays: 90 },
    ),
  },
  {
    key: "tier_up",
    name: "승급 임박 고객",
    description: "다음 등급까지 남은 구매금액이 30만원 이하인 고객",
    definition: and({ kind: "rule", field: "upgrade_gap", amount: 300_000 }),
  },
  {
    key: "tier_down_prevention",
    name: "등급 하락 위험 고객",
    description: "현재 추세라면 다음 평가에서 등급이 내려갈 고객",
    definition: and({ kind: "rule", field: "downgrade_risk", atRisk: true }),
  },
  {
    key: "vip_retention",
    name: "VIP 이상 생존확률 하락 고객",
    description: "VVIP·VIP 중 재구매 확률(P(alive))이 70% 아래로 떨어진 고객",
    definition: and(
      { kind: "rule", field: "tier", tiers: ["VVIP", "VIP"] },
      { kind: "rule", field: "p_alive", op: "lte", value: 0.7 },
    ),
  },
  {
    key: "cross_format",
    name: "한 업태만 이용하는 고객 (교차 업태 유도)",
    description: "최근 12개월 백화점·할인점·슈퍼 중 한 곳에서만 구매한 고객",
    definition: {
      kind: "group",
      op: "or",
      negate: false,
      children: (["DPT", "MART", "SM"] as const).map((format) => ({
        kind: "rule" as const,
        field: "formats_used" as const,
        formats: [format],
        mode: "only" as const,
        withinDays: 365,
      })),
    },
  },
  {
    key: "distant_purchase",
    name: "원거리 구매 고객",
    description: "가까운 점포를 두고 먼 점포에서 구매하는 고객",
    definition: and({ kind: "rule", field: "distant_purchase", distant: true }),
  },
];

import {
  type Comparison,
  SEGMENT_FACT_WINDOWS,
  type SegmentGroup,
  type SegmentNode,
  type SegmentRule,
  segmentDefinitionSchema,
} from "./model.ts";

/**
 * Rule tree → one parameterised query. Every value the user chose is a bound `$n`; table and
 * column names come only from the constants below. Each rule compiles to a two-valued boolean
 * (never NULL), so NOT and OR mean what the builder shows: a customer without a figure simply
 * does not match "has the figure", and does match its negation.
 *
 * Shapes, chosen for the planner and the existing indexes:
 * - `c.id IN (SELECT customer_id FROM t WHERE …)`: a semi-join under AND, a hashed subplan under
 *   OR/NOT (customer_metrics, customer_tier_history (tier_code, effective_to), customer_consent
 *   (channel, granted), grouped receipt / point figures);
 * - correlated `EXISTS` where an index probe per customer may win (receipt (customer_id, sold_at)):
 *   Postgres picks probe or hash per plan;
 * - categories bought: the buyers listed from segment_facts.category_day (one index entry per
 *   category, day and customer), plus the raw lines of receipts loaded after its build.
 * Windows are Seoul business days ending at `asOf`, inclusive: `within N days` = [asOf − N + 1, asOf].
 */
export type CompileOptions = {
  /** last business day the windows include, YYYY-MM-DD (Asia/Seoul) */
  asOf: string;
  /** resolves in_segment references; unknown ids and cycles are refused */
  segmentDefinitions?: (id: string) => SegmentGroup | undefined;
  /** segment_facts' last build (absent before the first): what the purchase rules may read from it */
  facts?: SegmentFacts;
};
/**
 * A build of segment_facts: it summarises the receipts with id ≤ receiptWatermark; its preset
 * windows (SEGMENT_FACT_WINDOWS) end on asOf. Newer receipts are read raw, so they count at once.
 */
export type SegmentFacts = { receiptWatermark: string; asOf: string };
export type CompiledSegment = { sql: string; values: unknown[] };

export class SegmentCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SegmentCompileError";
  }
}

/** The one filter every segment shares: segments are made of active (not withdrawn, merged or inferred) customers. */
export const SEGMENT_BASE = "c.status = 'ACTIVE'";

export function compileSegment(definition: SegmentGroup, options: CompileOptions): CompiledSegment {
  const { expression, values } = compileSegmentCondition(definition, options);
  return { sql: `SELECT c.id AS customer_id\n  FROM customer c\n WHERE ${SEGMENT_BASE}\n   AND ${expression}`, values };
}

/** The WHERE expression alone over `customer c`, for callers that build their own SELECT (counts, overlap). */
export function compileSegmentCondition(
  definition: SegmentGroup,
  options: CompileOptions & { values?: unknown[] },
): { expression: string; values: unknown[] } {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))
    throw new SegmentCompileError("asOf must be a date YYYY-MM-DD");
  const ctx: Context = {
    values: options.values ?? [],
    asOf: options.asOf,
    facts: options.facts,
    resolve: options.segmentDefinitions,
    stack: [],
  };
  const root = parseDefinition(definition, "the segment");
  return { expression: node(root, ctx, 1), values: ctx.values };
}

type Context = {
  values: unknown[];
  asOf: string;
  facts: SegmentFacts | undefined;
  resolve: CompileOptions["segmentDefinitions"];
  stack: string[];
};

function parseDefinition(definition: unknown, what: string): SegmentGroup {
  const parsed = segmentDefinitionSchema.safeParse(definition);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
  throw new SegmentCompileError(`${what} is not valid${path}: ${issue?.message ?? "unknown problem"}`);
}

function param(ctx: Context, value: unknown, cast: string): string {
  ctx.values.push(value);
  return `$${ctx.values.length}::${cast}`;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** First day of a `within N days` window ending at asOf. */
const windowStart = (ctx: Context, days: number) => addDays(ctx.asOf, 1 - days);

/** sold_at bounds of Seoul business days [from, asOf], so receipt (customer_id, sold_at) serves a probe. */
function soldWindow(ctx: Context, days: number, alias: string): string {
  const from = param(ctx, `${windowStart(ctx, days)}T00:00:00+09:00`, "timestamptz");
  const to = param(ctx, `${addDays(ctx.asOf, 1)}T00:00:00+09:00`, "timestamptz");
  return `${alias}.sold_at >= ${from} AND ${alias}.sold_at < ${to}`;
}

const indent = (depth: number) => "  ".repeat(depth + 1);

function node(n: SegmentNode, ctx: Context, depth: number): string {
  return n.kind === "group" ? group(n, ctx, depth) : rule(n, ctx);
}

function group(g: SegmentGroup, ctx: Context, depth: number): string {
  const parts = g.children.map((child) => node(child, ctx, depth + 1));
  const joined = `(${parts.join(`\n${indent(depth)}${g.op === "and" ? "AND" : "OR"} `)})`;
  // A nested AND of several rules becomes its own subquery over customer: inside it the rules
  // are semi-/anti-joins the planner can order (start from a 50-customer tier, probe receipts for
  // those), where under an OR or NOT they would each be a hashed scan of a whole receipt window.
  const body =
    parts.length === 0
      ? g.op === "and"
        ? "TRUE"
        : "FALSE"
      : depth > 1 && g.op === "and" && parts.length > 1
        ? `c.id IN (SELECT c.id FROM customer c WHERE ${joined})`
        : joined;
  return g.negate ? `NOT ${body}` : body;
}

const GE_LE: Record<Comparison, string> = { gte: ">=", lte: "<=" };
const NULL_FALSE = (expr: string) => `COALESCE(${expr}, false)`;
const inMetrics = (predicate: string) => `c.id IN (SELECT m.customer_id FROM customer_metrics m WHERE ${predicate})`;

/**
 * A per-customer figure that is 0 for a customer with no rows (spend, visits, points): `members`
 * lists the customers whose figure passes a comparison; when the rule's comparison includes 0
 * (spend ≤ 100,000 includes everyone who spent nothing) it lists those on the other side instead,
 * negated.
 */
function figure(
  ctx: Context,
  op: Comparison,
  amount: number,
  members: (comparison: string) => string,
  cast = "numeric",
): string {
  const v = param(ctx, amount, cast);
  const zeroMatches = op === "gte" ? 0 >= amount : 0 <= amount;
  return zeroMatches ? `NOT ${members(`${op === "gte" ? "<" : ">"} ${v}`)}` : members(`${GE_LE[op]} ${v}`);
}

const aggregate = (from: string, agg: string, op: Comparison, amount: number, ctx: Context) =>
  figure(
    ctx,
    op,
    amount,
    (comparison) => `c.id IN (SELECT customer_id FROM ${from} GROUP BY customer_id HAVING ${agg} ${comparison})`,
  );

const FORMAT_BIT = { DPT: 1, MART: 2, SM: 4 } as const;

/** The build whose preset figures answer a `within days` rule: a preset window ending on its day. */
function presetFacts(ctx: Context, days: number): SegmentFacts | undefined {
  const facts = ctx.facts;
  return facts && facts.asOf === ctx.asOf && (SEGMENT_FACT_WINDOWS as readonly number[]).includes(days)
    ? facts
    : undefined;
}

const watermark = (ctx: Context, facts: SegmentFacts) => param(ctx, facts.receiptWatermark, "bigint");

/**
 * A window rule's customers: from the pre-aggregated figures for those with no receipt after the
 * build, and from their own receipts (`raw`, correlated on the customer it is given) for the few
 * who have one. Two disjoint sets tested with OR, each a hashed subplan: as one `IN (… UNION ALL
 * …)` the planner cannot estimate the union's distinct customers (it assumes 200) and probes the
 * customer table once per member (3 s for 400k members at 1M).
 */
function windowMembers(
  ctx: Context,
  facts: SegmentFacts,
  days: number,
  predicate: string,
  raw: (customer: string) => string,
): string {
  const after = watermark(ctx, facts);
  return `(c.id IN (SELECT f.customer_id FROM segment_facts.customer_window f
       WHERE f.window_days = ${param(ctx, days, "smallint")} AND ${predicate}
         AND NOT EXISTS (SELECT FROM receipt n WHERE n.customer_id = f.customer_id AND n.id > ${after}))
    OR c.id IN (SELECT t.customer_id FROM (SELECT DISTINCT n.customer_id FROM receipt n WHERE n.id > ${after} AND n.customer_id IS NOT NULL) t
       WHERE ${raw("t.customer_id")}))`;
}

/** `aggregate` over a pre-aggregated column of the window's figures; `raw` judges a recent customer. */
function windowFigure(
  ctx: Context,
  facts: SegmentFacts,
  days: number,
  column: { name: string; type: "bigint" | "int" },
  comparison: { op: Comparison; amount: number },
  raw: (customer: string, comparison: string) => string,
): string {
  // bound as the column's own type, so the comparison is an index condition
  return figure(
    ctx,
    comparison.op,
    comparison.amount,
    (compared) => windowMembers(ctx, facts, days, `${column.name} ${compared}`, (customer) => raw(customer, compared)),
    column.type,
  );
}

const AGE = "date_part('year', age(%asOf%, c.birth_date))";
const FORMAT_SHARE_COLUMN = { DPT: "m.share_dpt", MART: "m.share_mart", SM: "m.share_sm" } as const;

function rule(r: SegmentRule, ctx: Context): string {
  switch (r.field) {
    case "age_band": {
      const age = AGE.replace("%asOf%", param(ctx, ctx.asOf, "date"));
      const band = `CASE WHEN c.birth_date IS NULL THEN 'unknown' WHEN ${age} < 20 THEN '<20' WHEN ${age} >= 70 THEN '70+' ELSE (${age}::int / 10 * 10)::text || 's' END`;
      return `${band} = ANY(${param(ctx, r.bands, "text[]")})`;
    }
    case "gender": {
      const known = r.genders.filter((g) => g !== "unknown");
      const parts = [
        ...(known.length ? [NULL_FALSE(`c.gender::text = ANY(${param(ctx, known, "text[]")})`)] : []),
        ...(r.genders.includes("unknown") ? ["c.gender IS NULL"] : []),
      ];
      return `(${parts.join(" OR ")})`;
    }
    case "region": {
      const sido = `c.sido = ANY(${param(ctx, r.sido, "text[]")})`;
      const sigungu = r.sigungu?.length ? ` AND c.sigungu = ANY(${param(ctx, r.sigungu, "text[]")})` : "";
      return NULL_FALSE(`${sido}${sigungu}`);
    }
    case "joined": {
      const from = r.withinDays !== undefined ? windowStart(ctx, r.withinDays) : r.from;
      const to = r.withinDays !== undefined ? ctx.asOf : r.to;
      const parts = [
        ...(from ? [`c.joined_on >= ${param(ctx, from, "date")}`] : []),
        ...(to ? [`c.joined_on <= ${param(ctx, to, "date")}`] : []),
      ];
      return NULL_FALSE(parts.join(" AND "));
    }
    case "tier":
      return `c.id IN (SELECT h.customer_id FROM customer_tier_history h WHERE h.effective_to IS NULL AND h.tier_code = ANY(${param(ctx, r.tiers, "text[]")}))`;
    case "tier_change": {
      const from = param(ctx, windowStart(ctx, r.withinDays), "date");
      const to = param(ctx, ctx.asOf, "date");
      return `c.id IN (SELECT h.customer_id FROM customer_tier_history h JOIN tier t ON t.code = h.tier_code
       JOIN LATERAL (SELECT p.tier_code FROM customer_tier_history p WHERE p.customer_id = h.customer_id AND p.effective_from < h.effective_from ORDER BY p.effective_from DESC LIMIT 1) p ON true
       JOIN tier pt ON pt.code = p.tier_code
      WHERE h.effective_from BETWEEN ${from} AND ${to} AND t.rank ${r.direction === "upgraded" ? ">" : "<"} pt.rank)`;
    }
    case "upgrade_gap":
      // the spend still missing for the next tier (null at the top tier: never matches)
      return inMetrics(`m.upgrade_spend_gap <= ${param(ctx, r.amount, "numeric")}`);
    case "downgrade_risk":
      return r.atRisk ? inMetrics("m.downgrade_risk") : `NOT ${inMetrics("m.downgrade_risk")}`;
    case "distant_purchase":
      return r.distant ? inMetrics("m.distant_purchase") : `NOT ${inMetrics("m.distant_purchase")}`;
    case "rfm_segment":
      return inMetrics(`m.rfm_segment = ANY(${param(ctx, r.segments, "text[]")})`);
    case "rfm_score": {
      const ranges = (["r", "f", "m"] as const).flatMap((k) => {
        const range = r[k];
        return range
          ? [`m.${k}_score BETWEEN ${param(ctx, range.min, "int")} AND ${param(ctx, range.max, "int")}`]
          : [];
      });
      return inMetrics(ranges.join(" AND "));
    }
    case "lifecycle":
      return inMetrics(`m.lifecycle_stage = ANY(${param(ctx, r.stages, "text[]")})`);
    case "cycle_due":
      return inMetrics(
        r.withinDays === undefined
          ? "m.due_now"
          : `(m.due_now OR m.next_purchase_due BETWEEN ${param(ctx, ctx.asOf, "date")} AND ${param(ctx, addDays(ctx.asOf, r.withinDays), "date")})`,
      );
    case "formats_used": {
      // EXISTS per format rather than one grouped count: the planner can start from a small set
      // (a tier, a consent) and probe receipt (customer_id, sold_at) for each customer in it.
      const window = soldWindow(ctx, r.withinDays, "r");
      const formatsOf = (customer: string) => {
        const receipts = (predicate: string) =>
          `EXISTS (SELECT 1 FROM receipt r WHERE r.customer_id = ${customer} AND ${window} AND r.type = 'SALE' AND ${predicate})`;
        if (r.mode === "any") return receipts(`r.source_code = ANY(${param(ctx, r.formats, "text[]")})`);
        const each = r.formats.map((format) => receipts(`r.source_code = ${param(ctx, format, "text")}`));
        if (r.mode === "only") each.push(`NOT ${receipts(`r.source_code <> ALL(${param(ctx, r.formats, "text[]")})`)}`);
        return `(${each.join(" AND ")})`;
      };
      const facts = presetFacts(ctx, r.withinDays);
      if (!facts) return formatsOf("c.id");
      // a customer's formats are a bit mask: list the masks the mode accepts and read them off the index
      const mask = r.formats.reduce((bits, format) => bits | FORMAT_BIT[format], 0);
      const accepted = [1, 2, 3, 4, 5, 6, 7].filter((bits) =>
        r.mode === "any" ? (bits & mask) !== 0 : r.mode === "all" ? (bits & mask) === mask : bits === mask,
      );
      const listed = `f.formats = ANY(${param(ctx, accepted, "smallint[]")})`;
      return windowMembers(ctx, facts, r.withinDays, listed, formatsOf);
    }
    case "format_share":
      return inMetrics(`${FORMAT_SHARE_COLUMN[r.format]} ${GE_LE[r.op]} ${param(ctx, r.share, "float8")}`);
    case "category_bought":
    case "category_not_bought": {
      const code = param(ctx, r.category, "text");
      const from = param(ctx, windowStart(ctx, r.withinDays), "date");
      const to = param(ctx, ctx.asOf, "date");
      // any level of the tree: lines carry level-3 codes, so the chosen code's level-3 descendants
      const subtree = `SELECT k.code FROM category k LEFT JOIN category k2 ON k2.code = k.parent_code WHERE k.level = 3 AND (k.code = ${code} OR k.parent_code = ${code} OR k2.parent_code = ${code})`;
      const lines = `SELECT r.customer_id FROM receipt r JOIN receipt_line rl ON rl.receipt_id = r.id
         WHERE r.customer_id IS NOT NULL AND r.type = 'SALE' AND rl.business_date BETWEEN ${from} AND ${to} AND rl.category_code IN (${subtree})`;
      // the facts and the receipts after them as two hashed sets (see windowMembers)
      const bought =
        ctx.facts === undefined
          ? `c.id IN (${lines})`
          : `(c.id IN (SELECT d.customer_id FROM segment_facts.category_day d
         WHERE d.category_code = ${code} AND d.business_date BETWEEN ${from} AND ${to})
        OR c.id IN (${lines} AND r.id > ${watermark(ctx, ctx.facts)}))`;
      return r.field === "category_bought" ? bought : `NOT ${bought}`;
    }
    case "spend": {
      const window = soldWindow(ctx, r.withinDays, "r");
      const facts = presetFacts(ctx, r.withinDays);
      if (!facts)
        return aggregate(
          `receipt r WHERE r.customer_id IS NOT NULL AND ${window}`,
          "sum(r.net_amount)",
          r.op,
          r.amount,
          ctx,
        );
      return windowFigure(
        ctx,
        facts,
        r.withinDays,
        { name: "f.spend", type: "bigint" },
        r,
        (customer, compared) =>
          `COALESCE((SELECT sum(r.net_amount) FROM receipt r WHERE r.customer_id = ${customer} AND ${window}), 0) ${compared}`,
      );
    }
    case "visits": {
      const window = soldWindow(ctx, r.withinDays, "r");
      const facts = presetFacts(ctx, r.withinDays);
      const sales = `receipt r WHERE r.customer_id IS NOT NULL AND r.type = 'SALE' AND ${window}`;
      if (!facts) return aggregate(sales, "count(DISTINCT r.business_date)", r.op, r.count, ctx);
      return windowFigure(
        ctx,
        facts,
        r.withinDays,
        { name: "f.visit_days", type: "int" },
        { op: r.op, amount: r.count },
        (customer, compared) =>
          `(SELECT count(DISTINCT r.business_date) FROM receipt r WHERE r.customer_id = ${customer} AND r.type = 'SALE' AND ${window}) ${compared}`,
      );
    }
    case "points_balance":
      return aggregate("point_entry", "sum(points)", r.op, r.amount, ctx);
    case "points_expiring": {
      // The lookup card's rule: a usable lot's remainder (its points less what debits took from it).
      const from = param(ctx, ctx.asOf, "date");
      const to = param(ctx, addDays(ctx.asOf, r.withinDays), "date");
      return aggregate(
        `point_entry l WHERE l.kind IN ('EARN', 'ADJUST') AND l.points > 0 AND l.expires_on BETWEEN ${from} AND ${to}`,
        "sum(l.points - COALESCE((SELECT sum(a.points) FROM point_allocation a WHERE a.earn_entry_id = l.id), 0))",
        r.op,
        r.amount,
        ctx,
      );
    }
    case "clv":
      return inMetrics(`m.clv_12m ${GE_LE[r.op]} ${param(ctx, r.amount, "float8")}`);
    case "p_alive":
      return inMetrics(`m.p_alive ${GE_LE[r.op]} ${param(ctx, r.value, "float8")}`);
    case "consent": {
      const granted = `c.id IN (SELECT cc.customer_id FROM customer_consent cc WHERE cc.channel = ${param(ctx, r.channel, "consent_channel")} AND cc.granted)`;
      return r.granted ? granted : `NOT ${granted}`;
    }
    case "in_segment":
      return inSegment(r.segmentId, ctx);
  }
}

function inSegment(id: string, ctx: Context): string {
  if (ctx.stack.includes(id))
    throw new SegmentCompileError(`segment ${id} refers to itself through ${[...ctx.stack, id].join(" → ")}`);
  const definition = ctx.resolve?.(id);
  if (!definition) throw new SegmentCompileError(`segment ${id} does not exist`);
  ctx.stack.push(id);
  const expression = node(parseDefinition(definition, `segment ${id}`), ctx, 2);
  ctx.stack.pop();
  return `(${expression})`;
}

/** The records the generator builds before each division's writer turns them into its own format. */
import type { LocalSeconds, YMD } from "./calendar.ts";

export const DIVISIONS = ["DPT", "MART", "SM"] as const;
export type Division = (typeof DIVISIONS)[number];

export interface Region {
  sido: string;
  sigungu: string;
  lat: number;
  lon: number;
  zipPrefix: string;
  /** Relative population, for where people live. */
  weight: number;
}

export interface Store {
  division: Division;
  code: string;
  name: string;
  region: number;
  sido: string;
  sigungu: string;
  openedOn: string;
  lat: number;
  lon: number;
}

export interface Product {
  division: Division;
  code: string;
  name: string;
  brand: string;
  /** The division's own category code. */
  categoryCode: string;
  price: number;
}

export interface Consents {
  sms: boolean;
  email: boolean;
  dm: boolean;
  tm: boolean;
  night: boolean;
}

export type ChangeType = "insert" | "update" | "withdraw";

export interface MemberRecord {
  memberNo: string;
  cardNo: string;
  name: string;
  gender: "M" | "F" | null;
  /** Null when the member left it blank; `YMD` may be impossible when a fault was planted. */
  birth: YMD | null;
  phone: string;
  email: string;
  zip: string;
  addr1: string;
  addr2: string;
  joinedOn: string;
  joinStore: string;
  ci: string | null;
  consents: Consents;
  consentAt: LocalSeconds;
  change: ChangeType;
  changedAt: LocalSeconds;
}

export interface SaleLine {
  lineNo: number;
  productCode: string;
  qty: number;
  unitPrice: number;
  discount: number;
  amount: number;
  /** MART only: points are per line there. */
  earned: number;
  used: number;
  /** Row-level faults planted on this line (DPT/MART rows are lines). */
  storeOverride?: string;
  invalidDate?: YMD;
}

export interface ReceiptRef {
  id: string;
  storeCode: string;
  posNo: number;
  trxNo: number;
  day: number;
}

export interface Receipt {
  division: Division;
  /** Filled in once the day's receipts are sorted by time. */
  ref: ReceiptRef;
  at: LocalSeconds;
  type: "sale" | "return";
  original: ReceiptRef | null;
  memberNo: string | null;
  cardNo: string | null;
  /** The population slot of the member (-1 when anonymous), so a return can see a withdrawal. */
  memberSlot: number;
  lines: SaleLine[];
  earned: number;
  used: number;
  coupon: string | null;
  /** SM rows are whole receipts, so SM's row-level faults live here. */
  invalidDate?: YMD;
  storeOverride?: string;
}

/** RFC 4180-style quoting as DPT and HQ write it: quote a field only when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/** `1,234,000`: how some DPT stores export 판매금액. */
export function withThousands(amount: number): string {
  return amount.toLocaleString("en-US");
}

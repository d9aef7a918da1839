/** UCI "Online Retail" (2012) and "Online Retail II" (2019) name the same columns differently. */
export const ONLINE_RETAIL_HEADERS = [
  {
    invoice: "InvoiceNo",
    stockCode: "StockCode",
    description: "Description",
    quantity: "Quantity",
    date: "InvoiceDate",
    price: "UnitPrice",
    customer: "CustomerID",
    country: "Country",
  },
  {
    invoice: "Invoice",
    stockCode: "StockCode",
    description: "Description",
    quantity: "Quantity",
    date: "InvoiceDate",
    price: "Price",
    customer: "Customer ID",
    country: "Country",
  },
] as const;

export type OnlineRetailColumns = Record<keyof (typeof ONLINE_RETAIL_HEADERS)[number], number>;

export const ONLINE_RETAIL_HEADER_HINT =
  "not an online-retail header (want InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country, or the Online Retail II names)";

/** Missing values: empty, or NA as R writes them. */
const MISSING = new Set(["", "NA"]);

/**
 * A customer id as given, or undefined for none. Online Retail II exports write ids as floats
 * ("13085.0").
 */
export function onlineRetailCustomerId(text: string): string | undefined {
  const id = text.trim().replace(/\.0$/, "");
  return MISSING.has(id) ? undefined : id;
}

/** Column positions by name in a header row, or undefined when one is missing. */
export function findColumns<K extends string>(
  header: readonly string[],
  wanted: Record<K, string>,
): Record<K, number> | undefined {
  const names = header.map((name) => name.trim());
  const indexes = {} as Record<K, number>;
  for (const key of Object.keys(wanted) as K[]) {
    const index = names.indexOf(wanted[key]);
    if (index < 0) return undefined;
    indexes[key] = index;
  }
  return indexes;
}

/** The columns of an online-retail header, whichever of the two layouts it is. */
export function onlineRetailColumns(header: readonly string[]): OnlineRetailColumns | undefined {
  for (const names of ONLINE_RETAIL_HEADERS) {
    const found = findColumns(header, names);
    if (found) return found;
  }
  return undefined;
}

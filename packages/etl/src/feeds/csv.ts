/**
 * Splits one CSV line (comma, `"` quoting with doubled quotes). Feeds never put a line break
 * inside a field, so a line is a record. Returns null for an unbalanced quote.
 */
export function splitCsvLine(line: string): string[] | null {
  if (!line.includes('"')) return line.split(",");
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let value = "";
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1) return null;
        value += line.slice(from, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === line.length) return fields;
      if (line[at] !== ",") return null;
      at++;
    } else {
      const comma = line.indexOf(",", at);
      if (comma === -1) {
        fields.push(line.slice(at));
        return fields;
      }
      fields.push(line.slice(at, comma));
      at = comma + 1;
    }
  }
}

/** A date-time as the tools write it ("2021-03-04 10:11:12+00:00", "2024-01-02T10:11:12Z", epoch seconds) → ISO 8601, or undefined. */
export function toIsoDate(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let date: Date;
  if (typeof value === 'number') date = new Date(value < 1e11 ? value * 1000 : value);
  else if (typeof value === 'string') {
    const s = value.trim();
    // "2024-01-02 10:11:12" (KOReader, Readwise): no zone written; read as written, stamped UTC.
    const plain = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(s);
    date = new Date(plain ? `${plain[1]}T${plain[2]}Z` : s.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
  } else return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

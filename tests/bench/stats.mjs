// Small helpers shared by the benchmark sections: summaries of samples and table printing.

/** Sorted copy. */
const sorted = (values) => [...values].sort((a, b) => a - b);

/** The p-th percentile (0–100) by nearest rank; `null` for no samples. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/** The median (mean of the two middle values for an even count); `null` for no samples. */
export function median(values) {
  if (values.length === 0) return null;
  const s = sorted(values);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** `{ runs, min, median, p95, max }` of a list of numbers, rounded to `digits`. */
export function summary(values, digits = 1) {
  const round = (v) => (v === null ? null : Number(v.toFixed(digits)));
  return {
    runs: values.length,
    min: round(values.length ? Math.min(...values) : null),
    median: round(median(values)),
    p95: round(percentile(values, 95)),
    max: round(values.length ? Math.max(...values) : null),
  };
}

/** Prints rows (arrays of cells) as an aligned table; the first row is the header. */
export function printTable(rows) {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => String(row[col] ?? "").length)));
  for (const [index, row] of rows.entries()) {
    const cells = row.map((cell, col) => {
      const text = String(cell ?? "");
      // Numbers right-aligned, text left-aligned.
      return typeof cell === "number" ? text.padStart(widths[col]) : text.padEnd(widths[col]);
    });
    console.log("  " + cells.join("  ").trimEnd());
    if (index === 0) console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  }
}

/** A markdown table of the same rows (for BENCHMARKS.md). */
export function markdownTable(rows) {
  const line = (row) => `| ${row.map((cell) => String(cell ?? "")).join(" | ")} |`;
  return [line(rows[0]), line(rows[0].map(() => "---")), ...rows.slice(1).map(line)].join("\n");
}

export const kb = (bytes) => (bytes / 1000).toFixed(1);

/** Renders rows as a Markdown table, numbers right-aligned, so the output pastes into docs. */
export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((row) => /^[-+]?[\d.,]+( ?[x%])?$/.test(row[i] ?? '')));
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

export function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

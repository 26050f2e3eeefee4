// The chart of benches/desktop.mjs: for each measure, Tresor's bar beside KeePassXC's (and the
// blank web view's, for memory), each row scaled to its own largest value.

const COLORS = { Tresor: '#2f5f8a', KeePassXC: '#6a8f3a', 'blank web view': '#9a9a9a' };

export function chart(r) {
  const rows = [
    ['launch → window mapped', 'ms', { Tresor: r.tresorMapped, KeePassXC: r.keepassMapped }],
    ['unlock → dashboard / entries', 'ms', { Tresor: r.tresorDashboard, KeePassXC: r.keepassUnlock }],
    ['memory after unlock (PSS)', 'MiB', { Tresor: r.tresorPss, KeePassXC: r.keepassPss, 'blank web view': r.blank.lean.pss }],
    ['memory after unlock (RSS)', 'MiB', { Tresor: r.tresorRss, KeePassXC: r.keepassRss, 'blank web view': r.blank.lean.rss }],
    ['CLI: list 5,000', 'ms', { Tresor: r.cli.consents, KeePassXC: r.cli.kpLs }],
  ];
  const width = 720;
  const left = 230;
  const bar = 16;
  let y = 40;
  const parts = [];
  for (const [label, unit, values] of rows) {
    const max = Math.max(...Object.values(values));
    parts.push(`<text x="10" y="${y + 12}" font-weight="bold">${label}</text>`);
    y += 20;
    for (const [who, value] of Object.entries(values)) {
      const w = Math.max(1, ((width - left - 90) * value) / max);
      parts.push(
        `<text x="${left - 8}" y="${y + 12}" text-anchor="end">${who}</text>`,
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" fill="${COLORS[who]}"/>`,
        `<text x="${(left + w + 6).toFixed(1)}" y="${y + 12}">${value.toFixed(0)} ${unit}</text>`,
      );
      y += bar + 4;
    }
    y += 10;
  }
  const title = `Tresor and KeePassXC, same Xvfb, median of ${r.runs} runs (500 companies / 5,000 consents vs 5,000 entries)`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="10" y="20" font-size="13">${title}</text>
${parts.join('\n')}
</svg>
`;
}

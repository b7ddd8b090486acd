// The suite's one picture: a horizontal bar per case of stock/shim (log scale, bars grow from the
// 1.0x line), green where the case meets its target and red where not, the target as a tick, and
// the start-up results (added ms against their limits) under the chart.

const WIDTH = 960;
const LABEL_X = 290; // right edge of the case labels
const PLOT_LEFT = 300;
const PLOT_RIGHT = 880;
const ROW = 22;
const TOP = 78;

const escape = (text) => String(text).replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]);

function scale(rows) {
  const values = rows.flatMap((row) => [row.ratio, row.target]).filter((v) => Number.isFinite(v) && v > 0);
  const lo = 2 ** Math.floor(Math.log2(Math.min(0.5, ...values.map((v) => v / 1.2))));
  const hi = 2 ** Math.ceil(Math.log2(Math.max(8, ...values.map((v) => v * 1.2))));
  const x = (value) => PLOT_LEFT + ((Math.log2(value) - Math.log2(lo)) / (Math.log2(hi) - Math.log2(lo))) * (PLOT_RIGHT - PLOT_LEFT);
  const ticks = [];
  for (let v = lo; v <= hi; v *= 2) ticks.push(v);
  return { x, ticks, clamp: (v) => Math.min(hi, Math.max(lo, v)) };
}

function tickLabel(v) {
  return v >= 1 ? `${v}x` : `${Number(v.toFixed(3))}x`;
}

/**
 * @param {{ title: string, subtitle: string, rows: {id, ratio, target, met, same}[],
 *   startup: {id, addedMs, maxAddedMs, met}[] }} data
 */
function renderChart({ title, subtitle, rows, startup }) {
  const { x, ticks, clamp } = scale(rows);
  const plotBottom = TOP + rows.length * ROW;
  const height = plotBottom + 70 + startup.length * 18;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="20" y="26" font-size="17" font-weight="bold">${escape(title)}</text>`);
  out.push(`<text x="20" y="46" fill="#555">${escape(subtitle)}</text>`);
  for (const v of ticks) {
    const tx = x(v).toFixed(1);
    out.push(`<line x1="${tx}" y1="${TOP - 6}" x2="${tx}" y2="${plotBottom}" stroke="${v === 1 ? "#222" : "#ddd"}" stroke-width="${v === 1 ? 1.5 : 1}"/>`);
    out.push(`<text x="${tx}" y="${TOP - 10}" text-anchor="middle" fill="#444">${tickLabel(v)}</text>`);
    out.push(`<text x="${tx}" y="${plotBottom + 16}" text-anchor="middle" fill="#444">${tickLabel(v)}</text>`);
  }
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    if (i % 2 === 0) out.push(`<rect x="10" y="${y}" width="${WIDTH - 20}" height="${ROW}" fill="#f6f6f6" opacity="0.7"/>`);
    out.push(`<text x="${LABEL_X}" y="${y + 15}" text-anchor="end">${escape(row.id)}</text>`);
    if (!Number.isFinite(row.ratio)) {
      out.push(`<text x="${x(1) + 6}" y="${y + 15}" fill="#c62828" font-weight="bold">failed</text>`);
      return;
    }
    const from = x(1);
    const to = x(clamp(row.ratio));
    const color = row.met ? "#2e7d32" : "#c62828";
    out.push(`<rect x="${Math.min(from, to).toFixed(1)}" y="${y + 4}" width="${Math.max(1, Math.abs(to - from)).toFixed(1)}" height="${ROW - 8}" fill="${color}"/>`);
    const tx = x(clamp(row.target)).toFixed(1);
    out.push(`<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + ROW - 1}" stroke="#000" stroke-width="2"/>`);
    const label = `${row.ratio.toFixed(2)}x${row.same ? "" : "  OUTPUT DIFFERS"}`;
    const right = row.ratio >= 1;
    // The value sits at the bar's end, moved past the target tick only where it would touch it.
    const near = Math.abs(Number(tx) - to) < 40;
    const lx = (right ? (near ? Math.max(to, Number(tx)) : to) + 5 : (near ? Math.min(to, Number(tx)) : to) - 5).toFixed(1);
    out.push(`<text x="${lx}" y="${y + 15}" text-anchor="${right ? "start" : "end"}" fill="${row.same ? "#222" : "#c62828"}">${escape(label)}</text>`);
  });
  const legendY = plotBottom + 38;
  out.push(`<rect x="20" y="${legendY - 10}" width="12" height="12" fill="#2e7d32"/><text x="38" y="${legendY}">target met</text>`);
  out.push(`<rect x="120" y="${legendY - 10}" width="12" height="12" fill="#c62828"/><text x="138" y="${legendY}">target NOT met</text>`);
  out.push(`<line x1="250" y1="${legendY - 11}" x2="250" y2="${legendY + 2}" stroke="#000" stroke-width="2"/><text x="258" y="${legendY}">target (1.0x: not slower)</text>`);
  out.push(`<text x="430" y="${legendY}" fill="#555">stock ms / shim ms, medians; right of 1.0x: the shim is faster</text>`);
  startup.forEach((row, i) => {
    const added = `${row.addedMs >= 0 ? "+" : ""}${row.addedMs.toFixed(1)} ms`;
    const text = `${row.id}: preloading adds ${added} (limit ${row.maxAddedMs} ms) — ${row.met ? "met" : "NOT met"}`;
    out.push(`<text x="20" y="${legendY + 22 + i * 18}" fill="${row.met ? "#2e7d32" : "#c62828"}">${escape(text)}</text>`);
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}

module.exports = { renderChart };

import { escapeHtml } from '../html';

/**
 * Server-drawn SVG charts for the dashboard: horizontal bars, grouped bars, and stacked bars with a
 * line through their totals. No script and no library: each chart is an `<svg role="img">` named by
 * its `<title>` and `<desc>`; the numbers themselves are also in the table the page prints beside it.
 */

/** Colour per series (colour-blind safe, Okabe-Ito), reused in order. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const LABEL_WIDTH = 170;
const WIDTH = 640;
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

export interface Bar {
  label: string;
  value: number;
  /** How the value is written (an amount of money, say); the number itself by default. */
  shown?: string;
}

export interface Series {
  name: string;
  /** One value per category, in the categories' order. */
  values: number[];
}

function colour(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** The svg element with its accessible name and description; `id` must be unique within the page. */
function svg(id: string, title: string, description: string, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-labelledby="${id}-title ${id}-desc">`
    + `<title id="${id}-title">${escapeHtml(title)}</title><desc id="${id}-desc">${escapeHtml(description)}</desc>${body}</svg>`;
}

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${x}" y="${y}" ${FONT} ${attributes}>${escapeHtml(content)}</text>`;
}

/** A label fitted to the label column: long shopper-typed terms are cut, the table keeps them whole. */
function fitted(label: string, max = 26): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function legend(series: readonly { name: string }[], y: number): string {
  return series.map((entry, index) => `<rect x="${LABEL_WIDTH + index * 110}" y="${y - 10}" width="12" height="12" fill="${colour(index)}"/>${text(LABEL_WIDTH + index * 110 + 16, y, fitted(entry.name, 14))}`).join('');
}

/** What an empty chart says inside its frame, so the figure is still there and named. */
function empty(id: string, title: string): string {
  return svg(id, title, 'No data in this range', 40, text(10, 24, 'No data in this range.', 'fill="#555"'));
}

/** Horizontal bars, one per label, each with its value written at its end. */
export function barChart({ id, title, bars }: { id: string; title: string; bars: readonly Bar[] }): string {
  if (bars.length === 0) return empty(id, title);
  const rowHeight = 24;
  const height = bars.length * rowHeight + 10;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plotWidth = WIDTH - LABEL_WIDTH - 90;
  const body = bars
    .map((bar, index) => {
      const y = 5 + index * rowHeight;
      const width = Math.max(0, (bar.value / max) * plotWidth);
      return `<g>${text(LABEL_WIDTH - 6, y + 15, fitted(bar.label), 'text-anchor="end"')}<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${colour(0)}"/>${text(LABEL_WIDTH + width + 6, y + 15, bar.shown ?? String(bar.value))}</g>`;
    })
    .join('');
  return svg(id, title, bars.map((bar) => `${bar.label}: ${bar.shown ?? bar.value}`).join('; '), height, body);
}

/** For each group (a channel, a campaign), one horizontal bar per series (browse, cart, ...), with a legend. */
export function groupedBarChart({ id, title, groups, series }: { id: string; title: string; groups: readonly string[]; series: readonly Series[] }): string {
  if (groups.length === 0) return empty(id, title);
  const barHeight = 14;
  const groupHeight = series.length * barHeight + 12;
  const height = 24 + groups.length * groupHeight;
  const max = Math.max(1, ...series.flatMap((entry) => entry.values));
  const plotWidth = WIDTH - LABEL_WIDTH - 60;
  const body = groups
    .map((group, groupIndex) => {
      const top = 24 + groupIndex * groupHeight;
      const bars = series
        .map((entry, seriesIndex) => {
          const value = entry.values[groupIndex] ?? 0;
          const y = top + seriesIndex * barHeight;
          const width = (value / max) * plotWidth;
          return `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${barHeight - 2}" fill="${colour(seriesIndex)}"><title>${escapeHtml(`${group}, ${entry.name}: ${value}`)}</title></rect>${text(LABEL_WIDTH + width + 4, y + 11, String(value), 'font-size="11"')}`;
        })
        .join('');
      return `<g>${text(LABEL_WIDTH - 6, top + (series.length * barHeight) / 2 + 4, fitted(group), 'text-anchor="end"')}${bars}</g>`;
    })
    .join('');
  const description = groups.map((group, index) => `${group}: ${series.map((entry) => `${entry.name} ${entry.values[index] ?? 0}`).join(', ')}`).join('; ');
  return svg(id, title, description, height, legend(series, 14) + body);
}

/** Vertical bars per category (a day), each stacked from its series (channels), and a line through the totals. */
export function stackedBarChart({ id, title, categories, series }: { id: string; title: string; categories: readonly string[]; series: readonly Series[] }): string {
  if (series.length === 0) return empty(id, title);
  const height = 260;
  const left = 40;
  const top = 28;
  const bottom = height - 40;
  const totals = categories.map((_, index) => series.reduce((sum, entry) => sum + (entry.values[index] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const step = (WIDTH - left - 10) / Math.max(1, categories.length);
  const barWidth = Math.max(2, step * 0.7);
  const scale = (value: number) => (value / max) * (bottom - top);
  const labelEvery = Math.ceil(categories.length / 14);
  const columns = categories
    .map((category, index) => {
      const x = left + index * step + (step - barWidth) / 2;
      let y = bottom;
      const parts = series
        .map((entry, seriesIndex) => {
          const value = entry.values[index] ?? 0;
          if (value <= 0) return '';
          const h = scale(value);
          y -= h;
          return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(seriesIndex)}"><title>${escapeHtml(`${category}, ${entry.name}: ${value}`)}</title></rect>`;
        })
        .join('');
      const label = index % labelEvery === 0 ? text(x + barWidth / 2, bottom + 16, category.slice(5), 'text-anchor="middle" font-size="10"') : '';
      return `<g>${parts}${label}</g>`;
    })
    .join('');
  const points = totals.map((total, index) => `${(left + index * step + step / 2).toFixed(1)},${(bottom - scale(total)).toFixed(1)}`).join(' ');
  const line = categories.length > 1 ? `<polyline points="${points}" fill="none" stroke="#444" stroke-width="1.5" stroke-dasharray="4 3"><title>Total per day</title></polyline>` : '';
  const axis = `<line x1="${left}" y1="${bottom}" x2="${WIDTH - 10}" y2="${bottom}" stroke="#888"/>${text(left - 4, top + 4, String(max), 'text-anchor="end" font-size="10"')}${text(left - 4, bottom, '0', 'text-anchor="end" font-size="10"')}`;
  const description = categories.map((category, index) => `${category}: ${totals[index]} (${series.map((entry) => `${entry.name} ${entry.values[index] ?? 0}`).join(', ')})`).join('; ');
  return svg(id, title, description, height, legend(series, 14) + axis + columns + line);
}

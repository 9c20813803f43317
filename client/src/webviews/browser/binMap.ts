/**
 * The bin map webview: draws the centrality × pT plane of a config as SVG from the state the
 * extension posts, and posts `reveal` when a bin is clicked. Edges are evenly spaced, so
 * narrow bins stay readable; the tick labels give the values.
 */
import './binMap.css';
import type { DrawnBin, GridRect, Region } from '../binMapGeometry';
import type { BinMapStateMessage, BinMapToHost } from '../messages';
import { element, vscodeApi } from './vscodeApi';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Drawing sizes in CSS pixels: the plane fills the panel's width, so text keeps its size. */
const MIN_WIDTH = 480;
const MAX_WIDTH = 1400;
const MIN_HEIGHT = 320;
const MARGIN = { left: 72, right: 24, top: 16, bottom: 56 };
const LINE_HEIGHT = 15;

const api = vscodeApi<BinMapToHost>();
const root = document.getElementById('root')!;

let current: BinMapStateMessage | undefined;
let resizeTimer: ReturnType<typeof setTimeout> | undefined;

window.addEventListener('message', (event: MessageEvent<BinMapStateMessage>) => {
  if (event.data?.type !== 'state') return;
  current = event.data;
  render(current);
});
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (current) render(current);
  }, 100);
});
api.postMessage({ type: 'ready' });

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number> = {},
): SVGElementTagNameMap[K] {
  const created = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, String(value));
  }
  return created;
}

function formatRange([min, max]: [number, number]): string {
  return `${min}–${max}`;
}

function describeRegion(region: Region): string {
  return `centrality ${formatRange(region.centrality)} %, pT ${formatRange(region.pt)} GeV/c`;
}

function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '–';
  return `${(rate * 100).toFixed(1)} %`;
}

/** Colours a pass rate from red (0) through yellow to green (1). */
function rateColour(rate: number | null | undefined): string | undefined {
  if (rate === null || rate === undefined) return undefined;
  return `hsl(${Math.round(rate * 120)}, 65%, 55%)`;
}

function render(state: BinMapStateMessage): void {
  root.replaceChildren();
  const heading = state.selection
    ? `Bin map of ${state.fileName}: ${state.selection}${state.modelType ? `, ${state.modelType}` : ''}`
    : `Bin map of ${state.fileName}`;
  root.append(element('h1', undefined, heading));
  if (state.message) {
    root.append(element('p', 'notice', state.message));
    return;
  }
  const { geometry } = state;
  const rates = state.passRates ? new Map(state.passRates.rates) : undefined;
  if (state.passRates) {
    const partial = state.passRates.complete ? '' : ' INCOMPLETE: the run was cancelled.';
    root.append(
      element(
        'p',
        state.passRates.complete ? 'rates' : 'rates partial',
        `Coloured by the pass rate of the quick inference on ${state.passRates.samplePath}, from red (0 %) to green (100 %).${partial}`,
      ),
    );
  }
  if (geometry.bins.length > 0) {
    root.append(drawPlane(state, rates));
  } else {
    root.append(element('p', 'notice', 'No bin has numeric centrality and pT ranges to draw.'));
  }
  root.append(summary(state));
  root.append(binTable(state, rates));
}

function drawPlane(state: BinMapStateMessage, rates: Map<number, number | null> | undefined) {
  const { geometry } = state;
  const columns = geometry.centralityEdges.length - 1;
  const rows = geometry.ptEdges.length - 1;
  const width = Math.min(Math.max(root.clientWidth, MIN_WIDTH), MAX_WIDTH);
  const height = Math.max(Math.round(width * 0.55), MIN_HEIGHT);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = (edge: number) => MARGIN.left + (edge * plotWidth) / columns;
  const y = (edge: number) => MARGIN.top + plotHeight - (edge * plotHeight) / rows;
  const box = (grid: GridRect) => ({
    x: x(grid.x0),
    y: y(grid.y1),
    width: x(grid.x1) - x(grid.x0),
    height: y(grid.y0) - y(grid.y1),
  });

  const plane = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'plane',
    role: 'img',
    'aria-label': `Bin map of ${state.fileName}`,
  });
  const definitions = svg('defs');
  const hatch = svg('pattern', {
    id: 'hatch',
    width: 8,
    height: 8,
    patternUnits: 'userSpaceOnUse',
    patternTransform: 'rotate(45)',
  });
  hatch.append(svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch-line' }));
  definitions.append(hatch);
  plane.append(definitions);

  drawAxes(plane, state, x, y);

  // Later bins first, so where bins overlap the one the framework picks is on top and
  // takes the click.
  const ordered = [...geometry.bins].sort((a, b) => b.index - a.index);
  for (const bin of ordered) {
    const labelArea = box(bin.labelArea ?? bin.grid);
    plane.append(drawBin(bin, box(bin.grid), labelArea, definitions, rates?.get(bin.index)));
  }
  for (const gap of geometry.gaps) {
    const group = svg('g', { class: 'gap' });
    const area = box(gap.grid);
    group.append(svg('rect', { ...area }));
    const title = svg('title');
    title.textContent = `Gap: ${describeRegion(gap)}. No bin covers it, so the framework drops these pairs.`;
    group.append(title);
    group.append(label(['gap: dropped'], area, definitions, `gap-${gap.grid.x0}-${gap.grid.y0}`));
    plane.append(group);
  }
  for (const overlap of geometry.overlaps) {
    const group = svg('g', { class: 'overlap' });
    const area = box(overlap.grid);
    group.append(svg('rect', { ...area, fill: 'url(#hatch)' }));
    const title = svg('title');
    title.textContent = `Overlap: bins ${overlap.bins.join(', ')} claim ${describeRegion(overlap)}. Bin ${overlap.winner} comes first, so it takes these pairs.`;
    group.append(title);
    group.append(
      label(
        [`overlap: bin ${overlap.winner} wins`],
        area,
        definitions,
        `overlap-${overlap.grid.x0}-${overlap.grid.y0}`,
        'bottom',
      ),
    );
    plane.append(group);
  }
  return plane;
}

function drawAxes(
  plane: SVGSVGElement,
  state: BinMapStateMessage,
  x: (edge: number) => number,
  y: (edge: number) => number,
): void {
  const { centralityEdges, ptEdges } = state.geometry;
  const axes = svg('g', { class: 'axes' });
  const bottom = y(0);
  const left = x(0);

  axes.append(svg('line', { x1: left, y1: bottom, x2: x(centralityEdges.length - 1), y2: bottom }));
  axes.append(svg('line', { x1: left, y1: bottom, x2: left, y2: y(ptEdges.length - 1) }));
  centralityEdges.forEach((value, edge) => {
    const tick = svg('text', { x: x(edge), y: bottom + 18, 'text-anchor': 'middle' });
    tick.textContent = String(value);
    axes.append(tick);
  });
  ptEdges.forEach((value, edge) => {
    const tick = svg('text', { x: left - 8, y: y(edge) + 4, 'text-anchor': 'end' });
    tick.textContent = String(value);
    axes.append(tick);
  });

  const centralityTitle = svg('text', {
    x: (left + x(centralityEdges.length - 1)) / 2,
    y: bottom + 42,
    'text-anchor': 'middle',
    class: 'axis-title',
  });
  centralityTitle.textContent = `centrality (%)${state.estimator ? `, ${state.estimator}` : ''}`;
  const ptTitle = svg('text', {
    x: 16,
    y: (bottom + y(ptEdges.length - 1)) / 2,
    'text-anchor': 'middle',
    class: 'axis-title',
    transform: `rotate(-90 16 ${(bottom + y(ptEdges.length - 1)) / 2})`,
  });
  ptTitle.textContent = 'pair pT (GeV/c)';
  axes.append(centralityTitle, ptTitle);
  plane.append(axes);
}

function drawBin(
  bin: DrawnBin,
  area: { x: number; y: number; width: number; height: number },
  labelArea: { x: number; y: number; width: number; height: number },
  definitions: SVGDefsElement,
  rate: number | null | undefined,
): SVGGElement {
  const group = svg('g', {
    class: bin.hidden ? 'bin hidden' : 'bin',
    'data-index': bin.index,
    tabindex: 0,
    role: 'button',
    'aria-label': `Bin ${bin.index}, ${bin.label}: reveal its pT block`,
  });
  const colour = rateColour(rate);
  const rectangle = svg('rect', { ...area });
  if (colour) rectangle.setAttribute('fill', colour);
  group.append(rectangle);
  const title = svg('title');
  const hidden = bin.hidden ? ' Earlier bins cover all of it, so no pair reaches it.' : '';
  title.textContent = `Bin ${bin.index}: ${bin.label}\n${bin.modelFile ?? 'no model file'}\n${bin.cuts.join('\n')}${rate !== undefined ? `\npass rate ${formatRate(rate)}` : ''}${hidden}\nClick to reveal its pT block.`;
  group.append(title);
  const lines = [`bin ${bin.index}`, bin.modelFile ?? 'no model file', ...bin.cuts];
  if (rate !== undefined) lines.push(`pass rate ${formatRate(rate)}`);
  if (bin.hidden) lines.push('hidden by earlier bins');
  // The label goes where the bin wins, so an overlap drawn over the bin does not cover it.
  group.append(label(lines, labelArea, definitions, `bin-${bin.index}`));
  const reveal = () => api.postMessage({ type: 'reveal', index: bin.index });
  group.addEventListener('click', reveal);
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') reveal();
  });
  return group;
}

/**
 * Writes lines of text in the top or bottom left corner of an area, clipped to it. Overlap
 * labels go to the bottom, so they do not cover the label of a bin that starts there.
 */
function label(
  lines: readonly string[],
  area: { x: number; y: number; width: number; height: number },
  definitions: SVGDefsElement,
  id: string,
  anchor: 'top' | 'bottom' = 'top',
): SVGTextElement {
  const clip = svg('clipPath', { id: `clip-${id}` });
  clip.append(svg('rect', { ...area }));
  definitions.append(clip);
  const text = svg('text', { 'clip-path': `url(#clip-${id})`, class: 'label' });
  const first =
    anchor === 'top' ? area.y + 16 : area.y + area.height - 8 - (lines.length - 1) * LINE_HEIGHT;
  lines.forEach((line, index) => {
    const span = svg('tspan', { x: area.x + 6, y: first + index * LINE_HEIGHT });
    span.textContent = line;
    text.append(span);
  });
  return text;
}

function summary(state: BinMapStateMessage): HTMLElement {
  const { geometry } = state;
  const list = element('ul', 'summary');
  for (const overlap of geometry.overlaps) {
    list.append(
      element(
        'li',
        'overlap-note',
        `Overlap: bins ${overlap.bins.join(', ')} claim ${describeRegion(overlap)}; bin ${overlap.winner} comes first in the file, so it takes these pairs.`,
      ),
    );
  }
  for (const gap of geometry.gaps) {
    list.append(
      element(
        'li',
        'gap-note',
        `Gap: no bin covers ${describeRegion(gap)}, so the framework drops these pairs.`,
      ),
    );
  }
  for (const bin of geometry.bins.filter((entry) => entry.hidden)) {
    list.append(
      element(
        'li',
        'hidden-note',
        `Bin ${bin.index} lies entirely under earlier bins, so no pair reaches it.`,
      ),
    );
  }
  for (const skipped of geometry.skipped) {
    list.append(
      element(
        'li',
        'skipped-note',
        `Bin ${skipped.index} (${skipped.label}) is not drawn: ${skipped.reason}.`,
      ),
    );
  }
  if (geometry.centralityEdges.length > 1 && geometry.ptEdges.length > 1) {
    const centrality = geometry.centralityEdges;
    const pt = geometry.ptEdges;
    list.append(
      element(
        'li',
        undefined,
        `Pairs outside centrality ${centrality[0]}–${centrality.at(-1)} % or pT ${pt[0]}–${pt.at(-1)} GeV/c are dropped too.`,
      ),
    );
  }
  return list;
}

function binTable(state: BinMapStateMessage, rates: Map<number, number | null> | undefined) {
  const table = element('table', 'bins');
  const header = element('tr');
  for (const name of ['Bin', 'Label', 'Model file', 'Cuts', ...(rates ? ['Pass rate'] : [])]) {
    header.append(element('th', undefined, name));
  }
  table.append(header);
  for (const bin of state.geometry.bins) {
    const row = element('tr');
    row.dataset.index = String(bin.index);
    row.append(
      element('td', undefined, String(bin.index)),
      element('td', undefined, bin.label),
      element('td', undefined, bin.modelFile ?? '–'),
      element('td', undefined, bin.cuts.join('; ')),
    );
    if (rates) row.append(element('td', undefined, formatRate(rates.get(bin.index))));
    row.addEventListener('click', () => api.postMessage({ type: 'reveal', index: bin.index }));
    table.append(row);
  }
  return table;
}

/**
 * The quick inference webview: renders the report view the extension posts, with one
 * Chart.js histogram per bin and class. The plugin below draws the cut as a vertical line
 * and shades the side of the cut that the selection keeps.
 */
import './inference.css';
import {
  BarController,
  BarElement,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
  type TooltipItem,
} from 'chart.js';
import type { BinView, HistogramView, InferenceView } from '../inferenceView';
import type { InferenceReportMessage, InferenceToHost } from '../messages';
import { element, factTable, vscodeApi } from './vscodeApi';

Chart.register(BarController, BarElement, LinearScale, Tooltip, Legend);

const api = vscodeApi<InferenceToHost>();
const root = document.getElementById('root')!;
const charts: Chart[] = [];

window.addEventListener('message', (event: MessageEvent<InferenceReportMessage>) => {
  if (event.data?.type === 'report') render(event.data.view);
});
api.postMessage({ type: 'ready' });

/** Reads a colour of the VS Code theme from its CSS variable. */
function themeColour(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

const SERIES_COLOURS: Record<string, string> = {
  'all pairs': '--vscode-charts-blue',
  signal: '--vscode-charts-green',
  background: '--vscode-charts-red',
  other: '--vscode-charts-purple',
};

interface CutOptions {
  cut: number | null;
  keep: 'below' | 'above';
}

/** Draws the cut line and shades the kept side; options come from each chart's plugin entry. */
const cutPlugin: Plugin<'bar', CutOptions> = {
  id: 'cutLine',
  beforeDatasetsDraw(chart, _arguments, options) {
    if (options.cut === null || options.cut === undefined) return;
    const { ctx, chartArea } = chart;
    const x = chart.scales.x.getPixelForValue(options.cut);
    const left = options.keep === 'below' ? chartArea.left : x;
    const right = options.keep === 'below' ? x : chartArea.right;
    ctx.save();
    ctx.fillStyle = themeColour('--vscode-charts-green', '#89d185');
    ctx.globalAlpha = 0.14;
    ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top);
    ctx.restore();
  },
  afterDatasetsDraw(chart, _arguments, options) {
    if (options.cut === null || options.cut === undefined) return;
    const { ctx, chartArea } = chart;
    const x = chart.scales.x.getPixelForValue(options.cut);
    ctx.save();
    ctx.strokeStyle = themeColour('--vscode-charts-orange', '#d18616');
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(x, chartArea.top);
    ctx.lineTo(x, chartArea.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.font = '11px sans-serif';
    ctx.textAlign = options.keep === 'below' ? 'right' : 'left';
    const offset = options.keep === 'below' ? -4 : 4;
    ctx.fillText(
      `cut ${options.cut}, kept ${options.keep === 'below' ? '←' : '→'}`,
      x + offset,
      chartArea.top + 12,
    );
    ctx.restore();
  },
};

function render(view: InferenceView): void {
  for (const chart of charts.splice(0)) chart.destroy();
  root.replaceChildren();
  root.append(element('h1', undefined, view.title));
  root.append(element('p', view.complete ? 'status complete' : 'status partial', view.status));

  const totals: Array<[string, string]> = [
    ['Rows read', view.totals.rows],
    ['Dropped (in no bin)', view.totals.dropped],
    ['Passed', view.totals.passed],
    ['Pass rate', view.totals.passRate],
  ];
  if (view.truth) {
    totals.push(['Signal pass rate', view.truth.signal]);
    totals.push(['Background pass rate', view.truth.background]);
  }
  root.append(element('h2', undefined, 'Totals'));
  factTable(root, totals);
  appendList('Config errors (the framework would stop on these)', view.configErrors, 'error');
  appendList('Warnings', view.warnings, 'warning');

  root.append(element('h2', undefined, 'Bins'));
  root.append(binTable(view));
  for (const bin of view.bins) root.append(binSection(bin, view.complete));

  if (view.comparison.length > 0) {
    root.append(element('h2', undefined, 'Against the framework scores in the sample'));
    const table = element('table', 'comparison');
    const header = element('tr');
    for (const name of [
      'Score',
      'Column',
      'Rows compared',
      'Absent (-999)',
      'Max |Δ|',
      'Mean |Δ|',
      'Largest at',
    ]) {
      header.append(element('th', undefined, name));
    }
    table.append(header);
    for (const row of view.comparison) {
      const line = element('tr');
      for (const text of [
        row.score,
        row.column,
        row.compared,
        row.absent,
        row.maxDifference,
        row.meanDifference,
        row.where,
      ]) {
        line.append(element('td', undefined, text));
      }
      table.append(line);
    }
    root.append(table);
  }

  root.append(element('h2', undefined, 'Run'));
  factTable(root, view.facts);
}

function appendList(title: string, items: readonly string[], className: string): void {
  if (items.length === 0) return;
  root.append(element('h2', undefined, title));
  const list = element('ul', className);
  for (const item of items) list.append(element('li', undefined, item));
  root.append(list);
}

function binTable(view: InferenceView): HTMLTableElement {
  const table = element('table', 'bins');
  const header = element('tr');
  const columns = ['Bin', 'Label', 'Rows', 'Passed', 'Pass rate'];
  if (view.truth) columns.push('Signal pass rate', 'Background pass rate');
  for (const name of columns) header.append(element('th', undefined, name));
  table.append(header);
  for (const bin of view.bins) {
    const row = element('tr');
    row.dataset.index = String(bin.index);
    const cells = [String(bin.index), bin.label, bin.rows, bin.passed, bin.passRate];
    if (view.truth) cells.push(bin.truth?.signal ?? '–', bin.truth?.background ?? '–');
    for (const text of cells) row.append(element('td', undefined, text));
    table.append(row);
  }
  return table;
}

function binSection(bin: BinView, complete: boolean): HTMLElement {
  const section = element('section', 'bin');
  section.dataset.index = String(bin.index);
  const partial = complete ? '' : ' (partial)';
  section.append(element('h2', undefined, `Bin ${bin.index}: ${bin.label}${partial}`));
  const facts: Array<[string, string]> = [
    ['Ranges', bin.ranges],
    ['Model file', bin.modelFile],
    ['Cuts', bin.cuts.join('; ')],
    ['Rows, passed', `${bin.rows}, ${bin.passed} (${bin.passRate})`],
  ];
  if (bin.truth) {
    facts.push(['Signal pass rate', bin.truth.signal]);
    facts.push(['Background pass rate', bin.truth.background]);
  }
  factTable(section, facts);
  for (const note of bin.notes) section.append(element('p', 'note', note));
  const plots = element('div', 'plots');
  for (const histogram of bin.histograms) plots.append(histogramFigure(histogram));
  section.append(plots);
  return section;
}

function histogramFigure(histogram: HistogramView): HTMLElement {
  const figure = element('figure', 'histogram');
  figure.append(element('figcaption', undefined, histogram.title));
  const holder = element('div', 'chart');
  const canvas = element('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${histogram.title}: score histogram`);
  holder.append(canvas);
  figure.append(holder);
  const details = [histogram.passedCut, histogram.outside].filter(Boolean).join(' ');
  figure.append(element('p', 'caption', details));

  const width = histogram.edges[1] - histogram.edges[0];
  const foreground = themeColour('--vscode-foreground', '#cccccc');
  const grid = themeColour('--vscode-editorWidget-border', 'rgba(128, 128, 128, 0.3)');
  const configuration: ChartConfiguration<'bar', Array<{ x: number; y: number }>> = {
    type: 'bar',
    data: {
      datasets: histogram.series.map((series) => ({
        label: series.name,
        data: series.counts.map((count, index) => ({
          x: histogram.edges[index] + width / 2,
          y: count,
        })),
        backgroundColor: themeColour(
          SERIES_COLOURS[series.name] ?? '--vscode-charts-blue',
          '#3794ff',
        ),
        barPercentage: 1,
        categoryPercentage: 1,
        borderWidth: 0,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: 1,
          stacked: true,
          title: { display: true, text: histogram.score, color: foreground },
          ticks: { color: foreground },
          grid: { color: grid },
        },
        y: {
          stacked: true,
          beginAtZero: true,
          title: { display: true, text: 'pairs', color: foreground },
          ticks: { color: foreground, precision: 0 },
          grid: { color: grid },
        },
      },
      plugins: {
        legend: { display: histogram.series.length > 1, labels: { color: foreground } },
        tooltip: {
          callbacks: {
            title: (items: TooltipItem<'bar'>[]) => {
              const low = (items[0]?.parsed.x ?? 0) - width / 2;
              return `score ${low.toFixed(2)}–${(low + width).toFixed(2)}`;
            },
          },
        },
        cutLine: { cut: histogram.cut, keep: histogram.keep },
      } as Record<string, unknown>,
    },
    plugins: [cutPlugin as unknown as Plugin<'bar'>],
  };
  charts.push(new Chart(canvas, configuration));
  return figure;
}

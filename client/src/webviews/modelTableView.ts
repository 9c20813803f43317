/**
 * The body of the "Check ONNX inputs" webview: one table row per model file of a config.
 * Free of the VS Code API so unit tests run it in Node.
 */
import type { CheckModelsResult, ModelTableRow } from '../../../server/src/protocol';
import { escapeHtml } from './html';

const METADATA_TEXT: Record<string, string> = {
  match: 'match',
  'f-names': 'match (f-names)',
  mismatch: 'mismatch',
  'no-metadata': 'no feature_i metadata',
  'not-checked': 'not checked',
};

const COLUMNS = [
  'Bin',
  'File, bin label, path',
  'Found',
  'Input',
  'Width',
  'Metadata',
  'Outputs',
  'Classes',
  'Verdict',
  'Messages',
];

function cell(text: string, className?: string): string {
  const attribute = className ? ` class="${className}"` : '';
  return `<td${attribute}>${escapeHtml(text)}</td>`;
}

/** Returns the file cell: the model file name, the label of its bin and the path it was found at. */
function fileCell(row: ModelTableRow): string {
  const label = row.binLabel ? `<div class="label">${escapeHtml(row.binLabel)}</div>` : '';
  const path = row.path ? `<div class="path">${escapeHtml(row.path)}</div>` : '';
  return `<td class="file"><div class="name">${escapeHtml(row.name)}</div>${label}${path}</td>`;
}

function rowHtml(row: ModelTableRow): string {
  const width = row.width === null ? '–' : String(row.width);
  const messages =
    row.messages.length === 0
      ? '<td></td>'
      : `<td><ul>${row.messages.map((message) => `<li>${escapeHtml(message)}</li>`).join('')}</ul></td>`;
  return [
    `<tr data-model="${escapeHtml(row.name)}">`,
    cell(String(row.index)),
    fileCell(row),
    cell(row.found ? 'yes' : 'no', row.found ? 'ok' : 'error'),
    cell(row.input ?? '–'),
    cell(width),
    cell(METADATA_TEXT[row.metadata] ?? row.metadata, `metadata-${row.metadata}`),
    cell(row.outputs ?? '–'),
    cell(row.classes === null ? '–' : String(row.classes)),
    cell(row.verdict, `verdict verdict-${row.verdict}`),
    messages,
    '</tr>',
  ].join('');
}

/** Returns the body HTML of the table of a config's models, with every text escaped. */
export function modelTableHtml(result: CheckModelsResult, configName: string): string {
  const problems = result.rows.filter((row) => row.verdict !== 'ok' && row.verdict !== 'info');
  const summary =
    result.rows.length === 0
      ? 'The config names no model files.'
      : `${result.rows.length} model file${result.rows.length === 1 ? '' : 's'}, ${problems.length} with problems.`;
  const runtime = result.runtimeLoaded
    ? ''
    : '<p class="notice">Restricted Mode: the models were read but not loaded into ONNX Runtime, so whether they load is not checked. Trust the workspace to check it.</p>';
  const header = COLUMNS.map((name) => `<th>${name}</th>`).join('');
  return [
    `<h1>ONNX inputs of ${escapeHtml(configName)}</h1>`,
    `<p class="summary">${escapeHtml(summary)}</p>`,
    runtime,
    `<table class="models"><thead><tr>${header}</tr></thead>`,
    `<tbody>${result.rows.map(rowHtml).join('')}</tbody></table>`,
  ].join('\n');
}

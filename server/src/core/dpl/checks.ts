import type { Fix, RelatedLocation } from '../findings';
import { nodeSpan, valueSpan } from '../model/members';
import type { Member } from '../model/types';
import type { RuleContext } from '../rules/context';
import type { Span } from '../text';
import {
  isDplInteger,
  PAIRING_TASK,
  readDplBoolean,
  readDplList,
  type DplListItem,
  type DplTask,
} from './document';
import { appendMembersEdit, detectLayout } from './layout';

/** The facts of the embedded config that the option checks use. */
export interface EmbeddedConfigSummary {
  isEmpty: boolean;
  /** The model file names in order, undefined where an entry is not a string. */
  modelFiles: Array<string | undefined> | undefined;
  /** The span of `modelFiles`, in DPL-file offsets. */
  modelFilesSpan: Span | undefined;
}

/**
 * Checks the BDT options of one task: their values, that a config is present when
 * applyBDT is on and the reverse, and the CCDB folders when models come from CCDB.
 */
export function checkTaskOptions(
  context: RuleContext,
  task: DplTask,
  config: EmbeddedConfigSummary | undefined,
): void {
  checkOptionValues(context, task);
  const applyBdtValue = readDplBoolean(task.options.applyBDT?.value);
  const applyBdt = applyBdtValue === true;
  const option = task.options.fConfigBdtCutsJSON;
  const hasConfig = config !== undefined && !config.isEmpty;
  const isEmptyString =
    option?.value?.type === 'string' && (option.value.value as string).trim() === '';
  if (applyBdt && option?.value && isEmptyString) {
    context.report(
      'dpl-bdt-config-missing',
      nodeSpan(option.value),
      `"fConfigBdtCutsJSON" in "${task.name}" is empty while applyBDT is "true", so the task parses an empty config and stops. Paste the compact config string here, or set applyBDT to "false".`,
    );
  } else if (applyBdt && !option && task.name === PAIRING_TASK) {
    const applyBdtOption = task.options.applyBDT as Member;
    context.report(
      'dpl-bdt-config-missing',
      valueSpan(applyBdtOption),
      `applyBDT is "true" but "${task.name}" has no fConfigBdtCutsJSON, so the task parses its default, an empty config, and stops. Add the config with "dqml dpl update FILE CONFIG", or set applyBDT to "false".`,
    );
  }
  const applyBdtOff = applyBdtValue === false || !task.options.applyBDT;
  if (hasConfig && applyBdtOff && option) checkApplyBdtOff(context, task, option);
  if (hasConfig && readDplBoolean(task.options.loadModelsFromCCDB?.value) === true) {
    checkModelPaths(context, task, config);
  }
}

function checkOptionValues(context: RuleContext, task: DplTask): void {
  for (const name of ['applyBDT', 'loadModelsFromCCDB'] as const) {
    const option = task.options[name];
    if (option && readDplBoolean(option.value) === undefined) {
      context.report(
        'dpl-invalid-option-value',
        valueSpan(option),
        `${name} in "${task.name}" is ${describeValue(context, option)}, which is not a bool. Write "true" or "false".`,
      );
    }
  }
  const timestamp = task.options.timestampCCDB;
  if (timestamp && !isDplInteger(timestamp.value)) {
    context.report(
      'dpl-invalid-option-value',
      valueSpan(timestamp),
      `timestampCCDB in "${task.name}" is ${describeValue(context, timestamp)}, which is not an integer. Write a CCDB timestamp in milliseconds, or "-1" for the latest models.`,
    );
  }
}

function describeValue(context: RuleContext, option: Member): string {
  const span = valueSpan(option);
  const raw = context.text.slice(span.start, span.end);
  return raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
}

function checkApplyBdtOff(context: RuleContext, task: DplTask, option: Member): void {
  const applyBdt = task.options.applyBDT;
  const layout = detectLayout(context.text);
  const edit = applyBdt
    ? { span: valueSpan(applyBdt), newText: '"true"' }
    : appendMembersEdit(
        context.text,
        task.node,
        [['applyBDT', { kind: 'string', value: 'true' }]],
        layout,
      );
  const fixes: Fix[] = [{ title: 'Set applyBDT to "true"', edits: [edit] }];
  const where = applyBdt
    ? `applyBDT in "${task.name}" is ${describeValue(context, applyBdt)}`
    : `"${task.name}" has no applyBDT, whose default is false`;
  context.report(
    'dpl-apply-bdt-off',
    applyBdt ? valueSpan(applyBdt) : option.keySpan,
    `${where}, so the BDT config in fConfigBdtCutsJSON is not used. Set applyBDT to "true" to apply the selection.`,
    { fixes },
  );
}

function checkModelPaths(context: RuleContext, task: DplTask, config: EmbeddedConfigSummary): void {
  const modelFiles = config.modelFiles;
  if (!modelFiles) return;
  const related: RelatedLocation[] = config.modelFilesSpan
    ? [{ span: config.modelFilesSpan, message: 'The model files of the config, one per bin.' }]
    : [];
  const fileCount = `${modelFiles.length} model file${modelFiles.length === 1 ? '' : 's'}`;
  const pathsOption = task.options.modelPathsCCDB;
  if (!pathsOption) {
    const loadOption = task.options.loadModelsFromCCDB as Member;
    context.report(
      'dpl-model-paths-count',
      valueSpan(loadOption),
      `loadModelsFromCCDB is "true" but "${task.name}" has no modelPathsCCDB, so the task uses its built-in default of one folder, which does not hold these ${fileCount}. Add "modelPathsCCDB": {"values": [...]} with one CCDB folder per model file, in the order of modelFiles.`,
      { related },
    );
    return;
  }
  const list = readDplList(pathsOption.value);
  if (list.shape !== 'values') {
    reportListShape(context, task, pathsOption, list.shape);
    return;
  }
  if (list.items.length !== modelFiles.length) {
    context.report(
      'dpl-model-paths-count',
      list.node ? nodeSpan(list.node) : valueSpan(pathsOption),
      `modelPathsCCDB in "${task.name}" lists ${list.items.length} CCDB folder${list.items.length === 1 ? '' : 's'}, but the config names ${fileCount}. Give exactly one folder per model file, in the order of modelFiles.`,
      { related },
    );
    return;
  }
  reportSharedFolders(context, task, list.items, modelFiles);
}

function reportSharedFolders(
  context: RuleContext,
  task: DplTask,
  folders: readonly DplListItem[],
  modelFiles: ReadonlyArray<string | undefined>,
): void {
  for (let later = 1; later < folders.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const folder = folders[later].value;
      const [first, second] = [modelFiles[earlier], modelFiles[later]];
      if (folder === undefined || folder !== folders[earlier].value) continue;
      if (first === undefined || second === undefined || first === second) continue;
      context.report(
        'dpl-model-path-shared',
        folders[later].span,
        `modelPathsCCDB in "${task.name}" gives folder "${folder}" to both ${first} (entry ${earlier}) and ${second} (entry ${later}), but each CCDB folder can hold only one model. Upload each model to its own folder and list that folder here.`,
        { related: [{ span: folders[earlier].span, message: `The folder of ${first}.` }] },
      );
      break;
    }
  }
}

const SHAPE_WORDS = { array: 'a bare array', string: 'a single string', other: 'not a list' };

function reportListShape(
  context: RuleContext,
  task: DplTask,
  option: Member,
  shape: 'array' | 'string' | 'other',
): void {
  const value = option.value;
  const span = valueSpan(option);
  const raw = context.text.slice(span.start, span.end);
  const replacement =
    value?.type === 'array'
      ? `{"values": ${raw}}`
      : value?.type === 'string'
        ? `{"values": [${raw}]}`
        : undefined;
  const fixes: Fix[] | undefined = replacement
    ? [
        {
          title: 'Wrap the folders in {"values": [...]}',
          edits: [{ span, newText: replacement }],
          preferred: true,
        },
      ]
    : undefined;
  const found = SHAPE_WORDS[shape];
  context.report(
    'dpl-model-paths-shape',
    span,
    `modelPathsCCDB in "${task.name}" is ${found}. Write it the way DPL writes list options: {"values": ["folder1/", "folder2/"]}, one CCDB folder per model file.`,
    { fixes },
  );
}

import { analyzeConfig } from '../analyze';
import type { Finding } from '../findings';
import { nodeSpan } from '../model/members';
import type { JsonNode } from '../model/types';
import type { AnalysisOptions } from '../options';
import { applyEdits, type TextEdit } from '../text';
import {
  PAIRING_TASK,
  readDplBoolean,
  readDplDocument,
  readDplList,
  type DplDocument,
  type DplTask,
} from './document';
import { recognizeConfigForm } from './recognize';
import { hyperloopString } from './hyperloop';
import {
  appendMembersEdit,
  detectLayout,
  isMultiLine,
  renderArray,
  renderValue,
  type DplValue,
  type Layout,
} from './layout';
import { indentationAt } from '../edits';
import { encodeStringLiteral } from './stringLiteral';

/** Choices for `updateDplConfiguration`. */
export interface DplUpdateOptions {
  /**
   * CCDB folders, one per model file in the order of `modelFiles`. Giving them sets
   * loadModelsFromCCDB to "true" and writes them to modelPathsCCDB.
   */
  modelPathsCCDB?: readonly string[];
  /** Sets loadModelsFromCCDB; when absent, an existing value is kept and a missing one is written as "false". */
  loadModelsFromCCDB?: boolean;
  /**
   * The task to update. The default is `analysis-same-event-pairing`, or else the one task
   * that already carries fConfigBdtCutsJSON. A task that does not exist is added.
   */
  taskName?: string;
  /** Options for analysing the config, such as its path to find the model files. */
  analysis?: AnalysisOptions;
}

/** The state of the CCDB folders after the update. */
export interface ModelPathsCheck {
  /** True when the task loads its models from CCDB after the update. */
  fromCcdb: boolean;
  status: 'not-used' | 'ok' | 'missing' | 'count-mismatch' | 'shared-folder' | 'invalid-shape';
  modelFiles: string[];
  folders: string[];
  /** The problem and its fix, when `status` is neither `ok` nor `not-used`. */
  message?: string;
  /**
   * Folders to offer, one per model file: the parent of the first existing folder plus the
   * model file's name without `.onnx`. Absent when there is no folder to start from.
   */
  suggestion?: string[];
}

/** The edits that put a config into a DPL file, and what they change. */
export interface DplUpdate {
  /** Non-overlapping edits of the original text; everything outside them is unchanged. */
  edits: TextEdit[];
  /** The text with the edits applied. */
  text: string;
  taskName: string;
  /** True when the task was not in the file and was added. */
  taskCreated: boolean;
  /** The Hyperloop string now held by fConfigBdtCutsJSON. */
  compact: string;
  /** One sentence per option set or added. */
  changes: string[];
  modelPaths: ModelPathsCheck;
  /** The findings of the config itself, in offsets of the config text that was passed in. */
  configFindings: Finding[];
}

/** The reason an update could not be built. The caller writes nothing then. */
export interface DplUpdateError {
  reason: 'dpl-syntax' | 'dpl-not-object' | 'task-not-object' | 'config-syntax' | 'model-paths';
  message: string;
  /** Syntax findings of the file named by `reason`, in that file's offsets. */
  findings: Finding[];
}

export type DplUpdateResult =
  { ok: true; update: DplUpdate } | { ok: false; error: DplUpdateError };

/**
 * Builds the edits that put a config into a DPL configuration file: fConfigBdtCutsJSON
 * set to the config's Hyperloop string as one JSON string, applyBDT set to "true", and
 * the CCDB options as requested. Missing options are added after the task's last option,
 * and a missing task after the file's last task. Every other byte of the file is kept:
 * indentation, line endings, key order, escapes such as `\/`, and the `{"values": …}`
 * shapes. The config may be given as a document, a compact string or a local string.
 */
export function updateDplConfiguration(
  dplText: string,
  configText: string,
  options: DplUpdateOptions = {},
): DplUpdateResult {
  const document = readDplDocument(dplText);
  const syntaxErrors = document.syntaxFindings.filter((finding) => finding.severity === 'error');
  if (syntaxErrors.length > 0) {
    return failure(
      'dpl-syntax',
      'The DPL configuration file has syntax errors. Fix them first.',
      syntaxErrors,
    );
  }
  if (document.root?.type !== 'object') {
    return failure('dpl-not-object', 'The DPL configuration file is not a JSON object of tasks.');
  }

  const form = recognizeConfigForm(configText);
  const configSource = form.form === 'local' ? form.decoded : configText;
  const compact = hyperloopString(configSource);
  if (!compact.ok) {
    return failure(
      'config-syntax',
      'The config has syntax errors, so it has no compact string. Fix them first.',
      compact.errors,
    );
  }
  const analysis = analyzeConfig(configSource, options.analysis ?? {});
  const modelFiles = (analysis.model.active?.modelFiles?.items ?? []).flatMap((item) =>
    item.value === undefined ? [] : [item.value],
  );

  const requestedFolders = options.modelPathsCCDB;
  if (requestedFolders) {
    const problem = checkFolders(modelFiles, requestedFolders, 'given');
    if (problem) return failure('model-paths', problem.message);
  }

  const target = chooseTask(document, options.taskName);
  if (target.notObject) {
    return failure(
      'task-not-object',
      `"${target.name}" in the DPL file is not an object of options.`,
    );
  }
  const builder = new UpdateBuilder(dplText, detectLayout(dplText));
  const fromCcdb = builder.setOptions(target, compact.compact, options);
  const text = applyEdits(dplText, builder.edits);
  verifyUpdate(text, target.name, compact.compact);

  const configFindings = form.form === 'local' ? [] : analysis.findings;
  return {
    ok: true,
    update: {
      edits: builder.edits,
      text,
      taskName: target.name,
      taskCreated: !target.existing,
      compact: compact.compact,
      changes: builder.changes,
      modelPaths: checkModelPaths(text, target.name, fromCcdb, modelFiles),
      configFindings,
    },
  };
}

function failure(
  reason: DplUpdateError['reason'],
  message: string,
  findings: Finding[] = [],
): DplUpdateResult {
  return { ok: false, error: { reason, message, findings } };
}

interface TaskChoice {
  name: string;
  existing: DplTask | undefined;
  /** True when the file has a member of that name whose value is not an object. */
  notObject: boolean;
  root: JsonNode;
}

function chooseTask(document: DplDocument, taskName: string | undefined): TaskChoice {
  const root = document.root as JsonNode;
  const rootKeys = (root.children ?? []).map((property) => property.children?.[0]?.value);
  const choose = (name: string, existing = document.tasks.find((task) => task.name === name)) => ({
    name,
    existing,
    notObject: !existing && rootKeys.includes(name),
    root,
  });
  if (taskName) return choose(taskName);
  const pairing = choose(PAIRING_TASK);
  if (pairing.existing || pairing.notObject) return pairing;
  const carriers = document.tasks.filter((task) => task.options.fConfigBdtCutsJSON);
  return carriers.length === 1 ? choose(carriers[0].name, carriers[0]) : pairing;
}

/** Collects the edits of one update and a sentence for each. */
class UpdateBuilder {
  readonly edits: TextEdit[] = [];
  readonly changes: string[] = [];

  constructor(
    private readonly text: string,
    private readonly layout: Layout,
  ) {}

  /** Adds the edits for every option and returns whether models come from CCDB afterwards. */
  setOptions(target: TaskChoice, compact: string, options: DplUpdateOptions): boolean {
    const task = target.existing;
    const folders = options.modelPathsCCDB;
    const requestedCcdb = folders ? true : options.loadModelsFromCCDB;
    const currentCcdb = readDplBoolean(task?.options.loadModelsFromCCDB?.value);
    const fromCcdb = requestedCcdb ?? currentCcdb ?? false;
    const additions: Array<[string, DplValue]> = [];

    const config = task?.options.fConfigBdtCutsJSON?.value;
    if (!config) {
      additions.push(['fConfigBdtCutsJSON', { kind: 'string', value: compact }]);
    } else if (config.type !== 'string' || config.value !== compact) {
      this.replace(config, encodeStringLiteral(compact, this.layout.escapeSlashes));
      this.changes.push(
        `Set fConfigBdtCutsJSON to the compact config (${compact.length} characters).`,
      );
    }

    const applyBdt = task?.options.applyBDT?.value;
    if (!applyBdt) additions.unshift(['applyBDT', { kind: 'string', value: 'true' }]);
    else if (
      !(applyBdt.type === 'string' && applyBdt.value === 'true') &&
      applyBdt.value !== true
    ) {
      this.replace(applyBdt, '"true"');
      this.changes.push('Set applyBDT to "true".');
    }

    const load = task?.options.loadModelsFromCCDB?.value;
    const loadText = fromCcdb ? 'true' : 'false';
    if (!load) {
      additions.push(['loadModelsFromCCDB', { kind: 'string', value: loadText }]);
    } else if (requestedCcdb !== undefined && currentCcdb !== requestedCcdb) {
      this.replace(load, `"${loadText}"`);
      this.changes.push(`Set loadModelsFromCCDB to "${loadText}".`);
    }

    const paths = task?.options.modelPathsCCDB;
    if (folders && paths) this.replaceFolders(paths.value, folders);
    else if (folders) additions.push(['modelPathsCCDB', { kind: 'list', values: folders }]);

    if (fromCcdb && !task?.options.timestampCCDB) {
      additions.push(['timestampCCDB', { kind: 'string', value: '-1' }]);
    }

    if (task) {
      if (additions.length > 0) {
        this.edits.push(appendMembersEdit(this.text, task.node, additions, this.layout));
      }
    } else {
      const taskValue: DplValue = { kind: 'object', members: additions };
      this.edits.push(
        appendMembersEdit(this.text, target.root, [[target.name, taskValue]], this.layout),
      );
      this.changes.push(
        `Added the task "${target.name}", which the file did not have; check that the file configures a workflow that runs it.`,
      );
    }
    for (const [key] of additions) this.changes.push(`Added ${key}.`);
    return fromCcdb;
  }

  private replace(node: JsonNode, newText: string): void {
    this.edits.push({ span: nodeSpan(node), newText });
  }

  /** Replaces the folders, keeping `{"values": […]}` and its layout when it is there. */
  private replaceFolders(value: JsonNode | undefined, folders: readonly string[]): void {
    if (!value) return;
    const list = readDplList(value);
    if (list.shape === 'values' && list.node) {
      const array = list.node;
      const indent = indentationAt(this.text, array.offset);
      const multiLine =
        isMultiLine(this.text, array) ||
        (array.children?.length === 0 && isMultiLine(this.text, value));
      this.replace(array, renderArray(folders, indent, this.layout, multiLine));
    } else {
      const indent = indentationAt(this.text, value.offset);
      const rendered = renderValue({ kind: 'list', values: folders }, indent, this.layout, true);
      this.replace(value, rendered);
    }
    this.changes.push(
      `Set modelPathsCCDB to ${folders.length} folder${folders.length === 1 ? '' : 's'}.`,
    );
  }
}

/** Re-reads the updated text and throws when it does not hold what the update wrote. */
function verifyUpdate(text: string, taskName: string, compact: string): void {
  const document = readDplDocument(text);
  const task = document.tasks.find((candidate) => candidate.name === taskName);
  const config = task?.options.fConfigBdtCutsJSON?.value;
  const applyBdt = readDplBoolean(task?.options.applyBDT?.value);
  if (document.syntaxFindings.length > 0 || config?.value !== compact || applyBdt !== true) {
    throw new Error(
      `Internal error: the updated DPL configuration does not hold the config in "${taskName}". No file was changed.`,
    );
  }
}

/** Checks CCDB folders against the model files. `origin` names where the folders come from. */
function checkFolders(
  modelFiles: readonly string[],
  folders: readonly string[],
  origin: 'given' | 'in the file',
): { status: ModelPathsCheck['status']; message: string } | undefined {
  if (folders.length !== modelFiles.length) {
    const where =
      origin === 'given'
        ? `${folders.length === 1 ? ' was' : 's were'} given`
        : `${folders.length === 1 ? ' is' : 's are'} listed in modelPathsCCDB`;
    return {
      status: 'count-mismatch',
      message: `The config names ${modelFiles.length} model file${modelFiles.length === 1 ? '' : 's'} but ${folders.length} CCDB folder${where}. Give exactly one folder per model file, in the order of modelFiles.`,
    };
  }
  for (let later = 1; later < folders.length; later++) {
    const earlier = folders.indexOf(folders[later]);
    if (earlier < later && modelFiles[earlier] !== modelFiles[later]) {
      return {
        status: 'shared-folder',
        message: `CCDB folder "${folders[later]}" is given to both ${modelFiles[earlier]} and ${modelFiles[later]}, but each CCDB folder can hold only one model. Give each model file its own folder.`,
      };
    }
  }
  return undefined;
}

function checkModelPaths(
  text: string,
  taskName: string,
  fromCcdb: boolean,
  modelFiles: string[],
): ModelPathsCheck {
  const task = readDplDocument(text).tasks.find((candidate) => candidate.name === taskName);
  const option = task?.options.modelPathsCCDB;
  const list = option ? readDplList(option.value) : undefined;
  const folders = (list?.items ?? []).flatMap((item) =>
    item.value === undefined ? [] : [item.value],
  );
  const base = { fromCcdb, modelFiles, folders, suggestion: suggestFolders(modelFiles, folders) };
  if (!fromCcdb) return { ...base, status: 'not-used' };
  if (!list) {
    return {
      ...base,
      status: 'missing',
      message: `loadModelsFromCCDB is "true" but "${taskName}" has no modelPathsCCDB. Give one CCDB folder per model file (${modelFiles.length}), in the order of modelFiles.`,
    };
  }
  if (list.shape !== 'values') {
    return {
      ...base,
      status: 'invalid-shape',
      message: `modelPathsCCDB in "${taskName}" is not written as {"values": [...]}. Give the folders again so they are written in that shape.`,
    };
  }
  const problem = checkFolders(modelFiles, folders, 'in the file');
  return problem ? { ...base, ...problem } : { ...base, status: 'ok' };
}

function suggestFolders(
  modelFiles: readonly string[],
  folders: readonly string[],
): string[] | undefined {
  const first = folders[0];
  if (first === undefined || modelFiles.length === 0) return undefined;
  const trimmed = first.replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  const parent = slash >= 0 ? trimmed.slice(0, slash + 1) : '';
  return modelFiles.map((file) => `${parent}${file.replace(/\.onnx$/i, '')}/`);
}

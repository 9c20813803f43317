import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  DEFAULT_CHUNK_ROWS,
  SampleError,
  listNames,
  requireColumns,
  throwIfAborted,
  type ReadOptions,
  type SampleChunk,
  type SampleColumn,
  type SampleSource,
} from './types';

/** The tree DielectronsAll is written to, at top level or in every `DF_*` folder of an AO2D. */
export const DIELECTRON_TREE = 'O2rtdielectronall';
const TIME_FRAME_FOLDER = /^DF_/;

// The few members of jsroot 7 objects this reader uses; jsroot ships no types for them.
interface RootKey {
  fName: string;
  fClassName: string;
  fCycle: number;
}
interface RootDirectory {
  fKeys: RootKey[];
}
interface RootLeaf {
  _typename: string;
  fName: string;
  fLen: number;
  fLeafCount?: RootLeaf | null;
}
interface RootBranch {
  _typename: string;
  fName: string;
  fClassName?: string;
  fLeaves?: { arr: RootLeaf[] };
  fBranches?: { arr: RootBranch[] };
}
interface RootTree {
  fName: string;
  fEntries: number;
  fBranches: { arr: RootBranch[] };
}
interface RootFile extends RootDirectory {
  readObject(name: string, cycle?: number): Promise<unknown>;
  readDirectory(name: string, cycle?: number): Promise<RootDirectory>;
  delete(): void;
}
interface Selector {
  tgtobj: Record<string, unknown>;
  tgtarr: Record<string, ArrayLike<unknown>>;
  addBranch(branch: string): number;
  Abort(): void;
}
type SelectorClass = new () => Selector;
interface JsrootIo {
  openFile(proxy: unknown): Promise<RootFile>;
  FileProxy: new () => object;
}
interface JsrootTree {
  TSelector: SelectorClass;
  treeProcess(
    tree: RootTree,
    selector: Selector,
    args: { firstentry: number; numentries: number },
  ): Promise<unknown>;
}

/** Leaf classes that hold one number per entry when their length is 1. */
const NUMERIC_LEAVES = new Set([
  'TLeafF',
  'TLeafD',
  'TLeafI',
  'TLeafS',
  'TLeafB',
  'TLeafL',
  'TLeafO',
  'TLeafG',
  'TLeafF16',
  'TLeafD32',
]);

interface TreePart {
  /** Path of the tree inside the file, e.g. `DF_2/O2rtdielectronall`. */
  path: string;
  tree: RootTree;
  rowStart: number;
}

export interface RootOpenOptions {
  /** Tree to read: a name looked up at top level and in `DF_*` folders, or a path `DIR/NAME`. */
  tree?: string;
}

/**
 * Opens a ROOT sample: the named tree, by default `O2rtdielectronall`, at top level or
 * else in every `DF_*` folder, whose trees are read one after the other as one table.
 */
export async function openRootSample(
  path: string,
  options: RootOpenOptions = {},
): Promise<SampleSource> {
  const io = (await import('jsroot/io')) as JsrootIo;
  const treeModule = (await import('jsroot/tree')) as JsrootTree;
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  let file: RootFile;
  try {
    file = await io.openFile(fileProxy(io, handle, path, size));
  } catch (error) {
    await handle.close();
    throw new SampleError(
      'invalid',
      path,
      `${path} has the ROOT signature but cannot be opened (${errorText(error)}). Check that the file is complete, e.g. with root -l -q ${basename(path)}.`,
    );
  }
  try {
    const parts = await locateTrees(file, path, options.tree);
    const columns = branchColumns(parts[0].tree);
    const rowCount = parts.reduce((sum, part) => sum + part.tree.fEntries, 0);
    if (rowCount === 0) {
      throw new SampleError('empty', path, `The tree ${parts[0].path} in ${path} has no entries.`);
    }
    const name = parts[0].tree.fName;
    const description =
      parts.length === 1
        ? `tree ${parts[0].path} with ${columns.length} branches`
        : `tree ${name} in ${parts.length} DF_* folders, read one after the other`;
    return {
      path,
      format: 'root',
      description,
      rowCount,
      columns,
      warnings: [],
      read: (names, readOptions) =>
        readChunks(path, treeModule, parts, columns, rowCount, names, readOptions),
      close: async () => {
        file.delete();
        await handle.close();
      },
    };
  } catch (error) {
    file.delete();
    await handle.close();
    throw error;
  }
}

/** Serves jsroot's reads from a file handle that this module opens and closes itself. */
function fileProxy(io: JsrootIo, handle: FileHandle, path: string, size: number): object {
  const proxy = new io.FileProxy() as Record<string, unknown>;
  proxy.openFile = async () => true;
  proxy.getFileName = () => basename(path);
  proxy.getFileSize = () => size;
  proxy.readBuffer = async (position: number, length: number) => {
    const bytes = new Uint8Array(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(bytes, offset, length - offset, position + offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    // jsroot fills what it cannot read with earlier values, so a short read must fail here.
    if (offset < length) {
      throw new Error(
        `the file ends at byte ${size} but a record runs to byte ${position + length}: the file is truncated`,
      );
    }
    return new DataView(bytes.buffer, 0, offset);
  };
  return proxy;
}

function latestKeys(keys: readonly RootKey[]): RootKey[] {
  const latest = new Map<string, RootKey>();
  for (const key of keys) {
    const seen = latest.get(key.fName);
    if (!seen || key.fCycle > seen.fCycle) latest.set(key.fName, key);
  }
  return [...latest.values()];
}

const isTree = (key: RootKey) => key.fClassName === 'TTree' || key.fClassName === 'TNtuple';
const isFolder = (key: RootKey) => key.fClassName.startsWith('TDirectory');

async function locateTrees(
  file: RootFile,
  path: string,
  requested: string | undefined,
): Promise<TreePart[]> {
  const treeName = requested ?? DIELECTRON_TREE;
  const top = latestKeys(file.fKeys);
  if (treeName.includes('/')) {
    const tree = await readTree(file, treeName);
    if (tree) return [{ path: treeName, tree, rowStart: 0 }];
  } else {
    const key = top.find((candidate) => candidate.fName === treeName && isTree(candidate));
    if (key) {
      const tree = await readTree(file, `${key.fName};${key.fCycle}`);
      if (tree) return [{ path: treeName, tree, rowStart: 0 }];
      throw new SampleError(
        'invalid',
        path,
        `${path} lists the tree ${treeName}, but its header cannot be read, so the file is probably truncated or damaged. Copy the file again, or check it with root -l ${basename(path)}.`,
      );
    }
    // NOTE: no AO2D file with several DF_* folders was available to test with, so reading
    // them one after the other as one table has run only on single-tree files.
    const folders = top.filter((key) => isFolder(key) && TIME_FRAME_FOLDER.test(key.fName));
    const parts: TreePart[] = [];
    let rowStart = 0;
    for (const folder of folders) {
      const directory = await file.readDirectory(folder.fName, folder.fCycle);
      const inner = latestKeys(directory.fKeys).find(
        (candidate) => candidate.fName === treeName && isTree(candidate),
      );
      if (!inner) continue;
      const treePath = `${folder.fName}/${inner.fName}`;
      const tree = await readTree(file, `${treePath};${inner.fCycle}`);
      if (!tree) continue;
      parts.push({ path: treePath, tree, rowStart });
      rowStart += tree.fEntries;
    }
    if (parts.length > 0) return parts;
  }
  const available = await listTrees(file, top);
  const where = treeName.includes('/') ? '' : ' at top level or in a DF_* folder';
  throw new SampleError(
    'tree-not-found',
    path,
    `${path} has no tree ${treeName}${where}. ${available.length > 0 ? `Trees in the file: ${listNames(available)}. Choose one of them as the tree to read.` : 'The file contains no tree.'}`,
  );
}

async function readTree(file: RootFile, name: string): Promise<RootTree | undefined> {
  try {
    const object = (await file.readObject(name)) as RootTree | null;
    return object?.fBranches ? object : undefined;
  } catch {
    return undefined;
  }
}

/** Lists the trees at top level and in the first level of folders, with their entries. */
async function listTrees(file: RootFile, top: readonly RootKey[]): Promise<string[]> {
  const names = top.filter(isTree).map((key) => key.fName);
  for (const folder of top.filter(isFolder)) {
    try {
      const directory = await file.readDirectory(folder.fName, folder.fCycle);
      for (const key of latestKeys(directory.fKeys).filter(isTree)) {
        names.push(`${folder.fName}/${key.fName}`);
      }
    } catch {
      names.push(`${folder.fName}/ (folder not readable)`);
    }
  }
  return names;
}

/** Describes every branch; only a single numeric leaf of length 1 gives one number per entry. */
function branchColumns(tree: RootTree): SampleColumn[] {
  return tree.fBranches.arr.map((branch) => {
    const leaves = branch.fLeaves?.arr ?? [];
    const leaf = leaves[0];
    const type = leaf?._typename ?? branch._typename;
    const name = branch.fName;
    const column = (reason?: string): SampleColumn =>
      reason ? { name, type, usable: false, reason } : { name, type, usable: true };
    if (branch._typename !== 'TBranch' || (branch.fBranches?.arr.length ?? 0) > 0) {
      return column(`object of class ${branch.fClassName || branch._typename}, not a number`);
    }
    if (leaves.length !== 1) {
      return column(`leaf list of ${leaves.map((item) => item.fName).join(', ')}`);
    }
    if (leaf.fLeafCount) {
      return column(`variable-length array (counter ${leaf.fLeafCount.fName}), jagged`);
    }
    if (leaf._typename === 'TLeafC') return column('text (char string), not a number');
    if (!NUMERIC_LEAVES.has(leaf._typename)) return column(`${leaf._typename} values`);
    if (leaf.fLen > 1) return column(`fixed-size array of ${leaf.fLen} values per entry`);
    return column();
  });
}

function checkColumns(path: string, columns: readonly SampleColumn[], names: readonly string[]) {
  requireColumns(
    path,
    columns.map((column) => column.name),
    names,
    'branch',
  );
  const known = new Map(columns.map((column) => [column.name, column]));
  const unusable = names.filter((name) => !known.get(name)!.usable);
  if (unusable.length > 0) {
    throw new SampleError(
      'unusable-column',
      path,
      `Branches of ${path} cannot be read as one number per entry: ${unusable.map((name) => `${name}: ${known.get(name)!.reason}`).join('; ')}.`,
    );
  }
}

async function* readChunks(
  path: string,
  treeModule: JsrootTree,
  parts: readonly TreePart[],
  columns: readonly SampleColumn[],
  rowCount: number,
  names: readonly string[],
  options: ReadOptions = {},
): AsyncGenerator<SampleChunk> {
  checkColumns(path, columns, names);
  const chunkRows = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const total = Math.min(rowCount, options.limit ?? Infinity);
  for (const part of parts) {
    const branches = new Set(part.tree.fBranches.arr.map((branch) => branch.fName));
    const absent = names.filter((name) => !branches.has(name));
    if (absent.length > 0) {
      throw new SampleError(
        'invalid',
        path,
        `The tree ${part.path} in ${path} lacks ${listNames(absent)}, which the first tree has. Every DF_* folder must hold the same branches.`,
      );
    }
    const partEnd = Math.min(part.tree.fEntries, total - part.rowStart);
    for (let first = 0; first < partEnd; first += chunkRows) {
      throwIfAborted(options.signal);
      const count = Math.min(chunkRows, partEnd - first);
      const arrays = await readRange(path, treeModule, part, names, first, count);
      const rowStart = part.rowStart + first;
      yield { rowStart, rowCount: count, columns: arrays, fraction: (rowStart + count) / total };
    }
    if (part.rowStart + part.tree.fEntries >= total) break;
  }
}

/** Reads the entries [first, first + count) of one tree into one Float64Array per branch. */
async function readRange(
  path: string,
  treeModule: JsrootTree,
  part: TreePart,
  names: readonly string[],
  first: number,
  count: number,
): Promise<Map<string, Float64Array>> {
  const arrays = new Map(names.map((name) => [name, new Float64Array(count).fill(NaN)]));
  // jsroot cannot process a tree without branches; there is nothing to read anyway.
  if (names.length === 0) return arrays;
  const targets = names.map((name) => arrays.get(name)!);
  const selector = new treeModule.TSelector() as Selector & {
    ProcessArrays(entry: number): void;
    Process(entry: number): void;
  };
  names.forEach((name) => selector.addBranch(name));
  let filled = 0;
  // jsroot calls ProcessArrays with a run of entries when all branches share basket
  // boundaries, and Process entry by entry otherwise.
  selector.ProcessArrays = (entry: number) => {
    names.forEach((name, index) => {
      const values = selector.tgtarr[name];
      const target = targets[index];
      const offset = entry - first;
      const length = Math.min(values.length, count - offset);
      for (let row = 0; row < length; row++) target[offset + row] = toNumber(values[row]);
    });
    filled = Math.max(filled, entry - first + selector.tgtarr[names[0]].length);
  };
  selector.Process = (entry: number) => {
    const row = entry - first;
    if (row < 0 || row >= count) return;
    names.forEach((name, index) => (targets[index][row] = toNumber(selector.tgtobj[name])));
    filled = Math.max(filled, row + 1);
  };
  try {
    await treeModule.treeProcess(part.tree, selector, { firstentry: first, numentries: count });
  } catch (error) {
    throw new SampleError(
      'invalid',
      path,
      `Cannot read entries ${first}–${first + count - 1} of ${part.path} in ${path}: ${errorText(error)}.`,
    );
  }
  if (filled < count) {
    throw new SampleError(
      'invalid',
      path,
      `Only ${filled} of entries ${first}–${first + count - 1} of ${part.path} in ${path} could be read; the file may be truncated.`,
    );
  }
  return arrays;
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  return NaN;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

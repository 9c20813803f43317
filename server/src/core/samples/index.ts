import { openCsvSample } from './csv';
import { detectSampleFormat } from './detect';
import { openParquetSample } from './parquet';
import { openRootSample } from './root';
import type { SampleSource } from './types';

export * from './types';
export { detectSampleFormat } from './detect';
export { DIELECTRON_TREE } from './root';
export { parseCsvNumber } from './csv';

export interface OpenSampleOptions {
  /** Tree to read from a ROOT file; ignored for CSV and Parquet. */
  tree?: string;
}

/** Opens a sample file of any supported format, recognised by its first bytes. */
export async function openSample(
  path: string,
  options: OpenSampleOptions = {},
): Promise<SampleSource> {
  const format = await detectSampleFormat(path);
  switch (format) {
    case 'parquet':
      return openParquetSample(path);
    case 'root':
      return openRootSample(path, { tree: options.tree });
    case 'csv':
      return openCsvSample(path);
  }
}

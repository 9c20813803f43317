/** Parsing of the CCDB folders the user types, free of the VS Code API so unit tests run it. */

/** Parses a comma-separated list of CCDB folders; returns an error message when invalid. */
export function parseFolders(
  text: string,
  expectedCount: number | undefined,
): { folders: string[] } | { error: string } {
  const folders = text
    .split(',')
    .map((folder) => folder.trim())
    .filter((folder) => folder.length > 0);
  if (folders.length === 0) return { error: 'Give one CCDB folder per model file.' };
  if (expectedCount !== undefined && folders.length !== expectedCount) {
    return {
      error: `Give ${expectedCount} folders, one per model file in modelFiles order; ${folders.length} given.`,
    };
  }
  const seen = new Set<string>();
  for (const folder of folders) {
    if (seen.has(folder)) {
      return {
        error: `The folder ${folder} is given twice; each CCDB directory may contain only one model.`,
      };
    }
    seen.add(folder);
  }
  return { folders };
}

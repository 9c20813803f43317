/** Parsing of the CCDB folders the user types, free of the VS Code API so unit tests run it. */

/**
 * Parses a comma-separated list of CCDB folders, one per entry of modelFiles; returns an
 * error message when invalid. Two different model files may not share a folder, because
 * the framework stops when one CCDB directory contains two models. Without `modelFiles` the
 * shared folder check is left to the server.
 */
export function parseFolders(
  text: string,
  expectedCount: number | undefined,
  modelFiles?: ReadonlyArray<string | null>,
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
  if (modelFiles?.length === folders.length) {
    for (let later = 1; later < folders.length; later++) {
      const earlier = folders.indexOf(folders[later]);
      if (earlier < later && modelFiles[earlier] !== modelFiles[later]) {
        return {
          error: `The folder ${folders[later]} is given to both ${modelFiles[earlier]} and ${modelFiles[later]}, but each CCDB directory may contain only one model.`,
        };
      }
    }
  }
  return { folders };
}

import picomatch from 'picomatch';
import { URI } from 'vscode-uri';
import type { ServerSettings } from './settings';

/**
 * Tells whether a document is a BDT config: its path matches a `dqml.files` glob and no
 * `dqml.exclude` glob, or its content looks like one (a JSON object whose first member
 * contains `AddCentCut` or `inputFeatures`). Other JSON files are never touched.
 */
export function isConfigDocument(uri: string, text: string, settings: ServerSettings): boolean {
  const path = pathOf(uri);
  if (
    path &&
    settings.exclude.length > 0 &&
    picomatch.isMatch(path, settings.exclude, { dot: true })
  ) {
    return false;
  }
  if (path && picomatch.isMatch(path, settings.files, { dot: true, basename: false })) return true;
  return looksLikeConfig(text);
}

function pathOf(uri: string): string | undefined {
  try {
    return URI.parse(uri).path;
  } catch {
    return undefined;
  }
}

/** Looks at the first few kilobytes only, so large unrelated JSON files cost nothing. */
export function looksLikeConfig(text: string): boolean {
  const head = text.slice(0, 8192);
  if (!/^\s*\{\s*"[^"]*"\s*:\s*\{/.test(head)) return false;
  return /"[^"]*AddCentCut[^"]*"\s*:|"inputFeatures"\s*:/.test(head);
}

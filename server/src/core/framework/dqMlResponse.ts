/**
 * Reads the feature names from an O2Physics checkout's `PWGDQ/Core/DQMlResponse.h`: the
 * enumerators of `enum class InputFeatures` and the arguments of its `FILL_MAP(...)`
 * entries. Versions of the header spell them with an `f` (column) or `k` prefix. The
 * names are returned in the k-form that configs use, in source order, without duplicates.
 */
export function parseDqMlResponseFeatures(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (raw: string) => {
    if (!/^[fk][A-Z]\w*$/.test(raw)) return;
    const name = `k${raw.slice(1)}`;
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  };
  const enumMatch = /enum\s+(?:class\s+)?InputFeatures\b[^{]*\{([^}]*)\}/.exec(code);
  if (enumMatch) {
    for (const entry of enumMatch[1].split(',')) add(entry.split('=')[0].trim());
  }
  for (const match of code.matchAll(/FILL_MAP\s*\(\s*(\w+)\s*\)/g)) add(match[1]);
  return names;
}

/** Compares a model's `feature_i` metadata with a config's `inputFeatures`, position by position. */

/** The result of comparing metadata names with the configured features. */
export interface FeatureComparison {
  /** True when every position contains the same name, after f-names were turned into k-names. */
  matches: boolean;
  /** Metadata names turned into k-names where they were f-names (fMass → kMass). */
  modelNames: string[];
  /** True when at least one metadata name was an f-name. */
  usedFNames: boolean;
  /** Positions whose names differ, in order, over the length both lists share. */
  differences: number[];
  /** Set when exactly two positions differ and hold each other's name. */
  swap?: [number, number];
  /** True when both lists hold the same names, only in another order. */
  samePermutation: boolean;
}

/** Turns a DielectronsAll column name into the framework's name: fMass → kMass. */
export function toFrameworkName(name: string): string {
  return /^f[A-Z0-9]/.test(name) ? `k${name.slice(1)}` : name;
}

/** Compares metadata names with config features; undefined config entries never match. */
export function compareFeatures(
  configNames: ReadonlyArray<string | undefined>,
  metadataNames: readonly string[],
): FeatureComparison {
  const modelNames = metadataNames.map(toFrameworkName);
  const usedFNames = modelNames.some((name, index) => name !== metadataNames[index]);
  const shared = Math.min(configNames.length, modelNames.length);
  const differences: number[] = [];
  for (let index = 0; index < shared; index++) {
    if (configNames[index] !== modelNames[index]) differences.push(index);
  }
  const sameLength = configNames.length === modelNames.length;
  const matches = sameLength && differences.length === 0;
  let swap: [number, number] | undefined;
  if (sameLength && differences.length === 2) {
    const [first, second] = differences;
    if (configNames[first] === modelNames[second] && configNames[second] === modelNames[first]) {
      swap = [first, second];
    }
  }
  const sorted = (names: ReadonlyArray<string | undefined>) =>
    [...names].map(String).sort().join('\n');
  const samePermutation = sameLength && !matches && sorted(configNames) === sorted(modelNames);
  return { matches, modelNames, usedFNames, differences, swap, samePermutation };
}

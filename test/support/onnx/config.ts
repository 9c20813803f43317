/**
 * Writes small bdtCut.json configs around fixture models: one centrality block 0–90 with
 * one pT block per model file, pT edges 0, 2, 4, …, and cuts that keep signal.
 */

export interface ConfigSpec {
  type: 'Binary' | 'MultiClass';
  features: readonly string[];
  modelFiles: readonly string[];
}

/** Returns the config text, indented by two spaces, ending in a newline. */
export function configText(spec: ConfigSpec): string {
  const centralityBlock: Record<string, unknown> = { centMin: 0, centMax: 90 };
  spec.modelFiles.forEach((_, index) => {
    centralityBlock[`AddPtCut-pTBin${index + 1}`] = {
      pTMin: index * 2,
      pTMax: index * 2 + 2,
      ...scoreCuts(spec.type),
    };
  });
  const config = {
    BDTCut: {
      type: spec.type,
      inputFeatures: spec.features,
      modelFiles: spec.modelFiles,
      cent: 'kCentFT0C',
      'AddCentCut-Cent0090': centralityBlock,
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function scoreCuts(type: ConfigSpec['type']): Record<string, unknown> {
  if (type === 'Binary') {
    return { 'AddMLCut-background': { var: 'kBdtBackground', cut: 0.3, exclude: true } };
  }
  return {
    'AddMLCut-background': { var: 'kBdtBackground', cut: 0.2, exclude: true },
    'AddMLCut-prompt': { var: 'kBdtPrompt', cut: 0.5, exclude: false },
    'AddMLCut-nonprompt': { var: 'kBdtNonprompt', cut: 0.3, exclude: true },
  };
}

/** Returns the span of the first occurrence of a JSON string literal, quotes included. */
export function stringSpan(
  text: string,
  value: string,
  occurrence = 0,
): { start: number; end: number } {
  const literal = JSON.stringify(value);
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) {
    start = text.indexOf(literal, start + 1);
    if (start < 0)
      throw new Error(`${literal} occurs fewer than ${occurrence + 1} times in the text.`);
  }
  return { start, end: start + literal.length };
}

import { describeBinSelection, describeCut, scoreName } from './describe';
import { frameworkFeature } from './framework/features';
import { SCORE_VARS } from './framework/selection';
import { BLOCK_DOCS, KEY_DOCS } from './keyDocs';
import type { ConfigLocation } from './locate';
import type { Bin } from './model/types';

/** Builds the Markdown hover for a location in a config, or undefined where there is none. */
export function hoverMarkdown(
  location: ConfigLocation,
  extraFeatures: readonly string[] = [],
): string | undefined {
  const { member, selection } = location;
  if (!member || !selection) return undefined;
  const estimator = selection.cent?.value ?? 'kCentFT0C';

  if (location.feature?.value !== undefined)
    return featureHover(location.feature.value, location.feature.index, extraFeatures);
  if (location.modelFile)
    return modelFileHover(location.modelFile.value, location.modelFile.index, location.bin);

  if (member === selection.member) {
    const status = location.ignoredSelection
      ? 'This selection is **ignored**: it is not the first one.'
      : `This is the selection the framework reads: ${selection.bins.length} bin${selection.bins.length === 1 ? '' : 's'}.`;
    return `${BLOCK_DOCS.selection}

${status}`;
  }
  if (location.centrality && member === location.centrality.member) {
    const block = location.centrality;
    const bins = selection.bins.filter((bin) => bin.centrality === block);
    return `${BLOCK_DOCS.centrality}\n\n\`${block.min?.value ?? '?'} ≤ ${estimator} < ${block.max?.value ?? '?'}\` — bins ${bins.map((bin) => bin.index).join(', ') || 'none'}.`;
  }
  if (location.pt && member === location.pt.member && location.bin)
    return binHover(location.bin, estimator);
  if (location.cut && member === location.cut.member) {
    const cut = location.cut;
    const applied = location.bin?.cuts.find((candidate) => candidate.source === cut);
    const position = SCORE_VARS[cut.position] ?? `score ${cut.position}`;
    return `${BLOCK_DOCS.cut}\n\nCut ${cut.position} of this pT block: applied to \`${position}\` (the ${scoreName(cut.position)})${applied ? `, ${describeCut(applied)}` : ''}.`;
  }
  const doc = KEY_DOCS[member.key];
  if (doc)
    return location.level === 'cut' && member.key === 'exclude' && location.bin
      ? `${doc}\n\nIn this bin: ${location.bin.cuts.map(describeCut).join('; ')}.`
      : doc;
  return undefined;
}

function featureHover(name: string, index: number, extraFeatures: readonly string[]): string {
  const feature = frameworkFeature(name);
  if (feature) {
    return `**${feature.name}** — ${feature.description}${feature.unit ? ` (${feature.unit})` : ''}.\n\nDielectronsAll column \`${feature.column}\`; the model's input column ${index}.`;
  }
  if (extraFeatures.includes(name))
    return `**${name}** — declared as an extra feature of your O2Physics build. The model's input column ${index}.`;
  return `**${name}** — not a feature the framework knows. The model's input column ${index}.`;
}

function modelFileHover(name: string | undefined, index: number, bin: Bin | undefined): string {
  const label = name ? `\`${name}\`` : `entry ${index}`;
  if (!bin)
    return `${label} — modelFiles[${index}] has no bin: there are fewer pT blocks than model files.`;
  return `${label} — the model of bin ${bin.index}, \`${bin.label}\`.`;
}

function binHover(bin: Bin, estimator: string): string {
  const model = bin.modelFile?.value
    ? `\`${bin.modelFile.value}\``
    : 'no model file (modelFiles is too short)';
  return [
    `**Bin ${bin.index}** — \`${bin.label}\``,
    '',
    `Model: ${model}`,
    '',
    `The framework ${describeBinSelection(bin, estimator)}.`,
    '',
    BLOCK_DOCS.pt,
  ].join('\n');
}

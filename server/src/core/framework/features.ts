/**
 * The input features the DQ framework can feed to a model: the `DQMlResponse.h` enum of
 * O2Physics, in its order. Each name is a DielectronsAll column with `f` replaced by `k`.
 */
export interface FeatureInfo {
  name: string;
  column: string;
  description: string;
  unit?: string;
}

const PAIR_FEATURES: FeatureInfo[] = [
  { name: 'kMass', column: 'fMass', description: 'pair invariant mass', unit: 'GeV/c²' },
  { name: 'kPt', column: 'fPt', description: 'pair transverse momentum', unit: 'GeV/c' },
  { name: 'kEta', column: 'fEta', description: 'pair pseudorapidity' },
  { name: 'kPhi', column: 'fPhi', description: 'pair azimuthal angle', unit: 'rad' },
];

const LEG_FEATURES: Array<[string, string, string?]> = [
  ['Pt', 'transverse momentum of leg {leg}', 'GeV/c'],
  ['ITSChi2NCl', 'ITS χ² per cluster of leg {leg}'],
  ['TPCNClsCR', 'TPC crossed rows of leg {leg}'],
  ['TPCNClsFound', 'TPC clusters found for leg {leg}'],
  ['TPCChi2NCl', 'TPC χ² per cluster of leg {leg}'],
  ['DcaXY', 'distance of closest approach of leg {leg} in the transverse plane', 'cm'],
  ['DcaZ', 'distance of closest approach of leg {leg} along the beam', 'cm'],
  ['TPCNSigmaEl', 'TPC n-sigma of leg {leg} for the electron hypothesis'],
  ['TPCNSigmaPi', 'TPC n-sigma of leg {leg} for the pion hypothesis'],
  ['TPCNSigmaPr', 'TPC n-sigma of leg {leg} for the proton hypothesis'],
  ['TOFNSigmaEl', 'TOF n-sigma of leg {leg} for the electron hypothesis'],
  ['TOFNSigmaPi', 'TOF n-sigma of leg {leg} for the pion hypothesis'],
  ['TOFNSigmaPr', 'TOF n-sigma of leg {leg} for the proton hypothesis'],
];

function legFeatures(leg: 1 | 2): FeatureInfo[] {
  return LEG_FEATURES.map(([stem, description, unit]) => ({
    name: `k${stem}${leg}`,
    column: `f${stem}${leg}`,
    description: description.replace('{leg}', String(leg)),
    unit,
  }));
}

/** The thirty features of the framework, in enum order. */
export const FRAMEWORK_FEATURES: readonly FeatureInfo[] = [
  ...PAIR_FEATURES,
  ...legFeatures(1),
  ...legFeatures(2),
];

const FEATURES_BY_NAME = new Map(FRAMEWORK_FEATURES.map((feature) => [feature.name, feature]));

export function frameworkFeature(name: string): FeatureInfo | undefined {
  return FEATURES_BY_NAME.get(name);
}

/**
 * DielectronsAll columns that exist in the training data but that the framework cannot
 * feed to a model, each with the reason shown to the user.
 */
export const UNSUPPORTED_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['fSign', 'the pair charge sign is a selection variable, not a model input'],
  ['fFilterMap', 'the filter bit map is bookkeeping, not a model input'],
  ['fMcDecision', 'the Monte Carlo truth label is what the model learns, never an input'],
  ['fEta1', 'the leg pseudorapidity has no accessor in DQMlResponse.h'],
  ['fEta2', 'the leg pseudorapidity has no accessor in DQMlResponse.h'],
  ['fPhi1', 'the leg azimuthal angle has no accessor in DQMlResponse.h'],
  ['fPhi2', 'the leg azimuthal angle has no accessor in DQMlResponse.h'],
  ['fITSClusterMap1', 'the ITS cluster map has no accessor in DQMlResponse.h'],
  ['fITSClusterMap2', 'the ITS cluster map has no accessor in DQMlResponse.h'],
  ['fTPCSignal1', 'the TPC dE/dx signal has no accessor in DQMlResponse.h'],
  ['fTPCSignal2', 'the TPC dE/dx signal has no accessor in DQMlResponse.h'],
  ['fTOFBeta1', 'the TOF β has no accessor in DQMlResponse.h'],
  ['fTOFBeta2', 'the TOF β has no accessor in DQMlResponse.h'],
  ['fMassKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fChi2OverNDFKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDecayLengthKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDecayLengthOverErrKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDecayLengthXYKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDecayLengthXYOverErrKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fPseudoproperDecayTimeKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fCosPAKFGeo', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fPairDCAxyz', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fPairDCAxy', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDeviationPairKF', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fDeviationxyPairKF', 'the KFParticle columns have no accessor in DQMlResponse.h'],
  ['fLz', 'the decay-length columns have no accessor in DQMlResponse.h'],
  ['fLxy', 'the decay-length columns have no accessor in DQMlResponse.h'],
  ['fTauz', 'the decay-length columns have no accessor in DQMlResponse.h'],
  ['fTauxy', 'the decay-length columns have no accessor in DQMlResponse.h'],
  ['fChi2pca', 'it is a column of the dimuon tables, not of DielectronsAll'],
  ['fCosPointingAngle', 'it is a column of the dimuon tables, not of DielectronsAll'],
]);

/** Returns the DielectronsAll column name for a k- or f-prefixed feature name. */
export function columnForFeature(name: string): string {
  return name.startsWith('k') ? `f${name.slice(1)}` : name;
}

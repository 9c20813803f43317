/** Messages between the extension and its webview scripts. Both sides import these types. */
import type { BinMapGeometry } from './binMapGeometry';
import type { InferenceView } from './inferenceView';

/** Sent by every webview script once it listens for messages. */
export interface ReadyMessage {
  type: 'ready';
}

/** Pass rates of the last quick inference, by bin index. */
export interface BinMapPassRates {
  rates: Array<[number, number | null]>;
  samplePath: string;
  complete: boolean;
}

/** The state of the bin map: the config's geometry, or a message when there is none. */
export interface BinMapStateMessage {
  type: 'state';
  fileName: string;
  selection: string | null;
  estimator: string | null;
  modelType: string | null;
  geometry: BinMapGeometry;
  passRates?: BinMapPassRates;
  /** Shown instead of the map, e.g. when the document is no longer a config. */
  message?: string;
}

/** Sent by the bin map when a bin is clicked. */
export interface RevealBinMessage {
  type: 'reveal';
  index: number;
}

export interface InferenceReportMessage {
  type: 'report';
  view: InferenceView;
}

export type BinMapToHost = ReadyMessage | RevealBinMessage;
export type InferenceToHost = ReadyMessage;

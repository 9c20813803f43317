import type { RuleInfo } from '../registry';

const MODEL_H = 'Tools/ML/model.h';
const ML_RESPONSE_H = 'Tools/ML/MlResponse.h';
const DQ_ML_RESPONSE_H = 'PWGDQ/Core/DQMlResponse.h';

/** Codes of the checks that read the ONNX files a config names. */
export const ONNX_RULES: RuleInfo[] = [
  // Reading the file.
  {
    code: 'onnx-unreadable',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'A model file that is not a complete ONNX model (truncated, empty or another format).',
    rationale: `${MODEL_H} creates an ONNX Runtime session from every model file when the task starts, and a file that is not a complete ONNX model stops the task.`,
  },
  {
    code: 'onnx-too-large',
    category: 'onnx',
    defaultSeverity: 'warning',
    summary: 'A model file above the size limit for reading, which was not checked.',
    rationale: `${MODEL_H} loads each model whole, and dqml reads models only up to a size limit, so a larger one stays unchecked.`,
  },
  {
    code: 'onnx-runtime-load-failed',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'A model that ONNX Runtime refuses to load.',
    rationale: `${MODEL_H} creates an ONNX Runtime session from every model file, and a model the runtime refuses stops the task.`,
  },
  {
    code: 'onnx-runtime-skipped',
    category: 'onnx',
    defaultSeverity: 'info',
    summary: 'The models were read but not loaded into ONNX Runtime, so loading is unconfirmed.',
    rationale: `${MODEL_H} loads every model into ONNX Runtime, and only loading a model confirms that the runtime accepts it.`,
  },

  // The input the framework feeds.
  {
    code: 'onnx-input-count',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'A model with more than one input, or none.',
    rationale: `${MODEL_H} runs the model with one float tensor for all its input names, so a model with another number of inputs fails at the first pair.`,
  },
  {
    code: 'onnx-input-type',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'A model input that is not a float32 tensor.',
    rationale: `${MODEL_H} feeds the features as a float32 tensor, which ONNX Runtime rejects for an input of any other type.`,
  },
  {
    code: 'onnx-input-shape',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'A model input that is not a matrix of one row per pair.',
    rationale: `${MODEL_H} shapes the input as [rows, N] with N taken from the model's second input dimension, so an input of another rank or with a fixed batch above 1 is rejected.`,
  },
  {
    code: 'onnx-feature-count-mismatch',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'The model takes another number of features than `inputFeatures` lists.',
    rationale: `${MODEL_H} takes the feature count from the model's second input dimension, and the task stops when it differs from the number of inputFeatures.`,
  },

  // Feature names in the metadata.
  {
    code: 'onnx-metadata-mismatch',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: "The model's feature_i metadata differs from `inputFeatures`, position by position.",
    rationale: `${DQ_ML_RESPONSE_H} fills the model's i-th input column with the i-th entry of inputFeatures and never reads the model's metadata, so another order feeds the model the wrong variables without a message.`,
  },
  {
    code: 'onnx-metadata-f-names',
    category: 'onnx',
    defaultSeverity: 'info',
    summary: 'Metadata names written as DielectronsAll columns (fMass), matched to k-names.',
    rationale: `${DQ_ML_RESPONSE_H} knows features by their k-names, while the training data names them by DielectronsAll column, so fX in the metadata is compared with kX.`,
  },
  {
    code: 'onnx-no-feature-metadata',
    category: 'onnx',
    defaultSeverity: 'info',
    summary: 'Models without feature_i metadata, so the feature order cannot be checked.',
    rationale: `${DQ_ML_RESPONSE_H} fills input columns by position only, so without the training's feature names in the model nothing shows that the order matches.`,
  },

  // The output the framework reads.
  {
    code: 'onnx-output-type',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'The last output is not a float32 tensor (for example a ZipMap sequence of maps).',
    rationale: `${MODEL_H} reads the scores as float32 from the model's last output, which fails for a sequence of maps and gives garbage for any other element type.`,
  },
  {
    code: 'onnx-output-columns',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: 'The last output has fewer values per row than the selection type reads.',
    rationale: `${ML_RESPONSE_H} reads nClasses values (1 for Binary, 3 for MultiClass) from the last output, so a shorter output is read past its end.`,
  },
  {
    code: 'onnx-class-count',
    category: 'onnx',
    defaultSeverity: 'error',
    summary: "The model's class count does not fit the selection type.",
    rationale: `${ML_RESPONSE_H} compares the first nClasses probabilities with the cuts in class-label order: column 0 for Binary, columns 0 to 2 for MultiClass.`,
  },
  {
    code: 'onnx-raw-scores',
    category: 'onnx',
    defaultSeverity: 'warning',
    summary: 'Scores that are raw margins rather than probabilities.',
    rationale: `${ML_RESPONSE_H} compares the output values with the cuts as they are, so cuts written as probabilities in [0, 1] need probability outputs.`,
  },
  {
    code: 'onnx-not-classifier',
    category: 'onnx',
    defaultSeverity: 'warning',
    summary: 'A regression model, whose prediction the framework cuts on as a class probability.',
    rationale: `${ML_RESPONSE_H} takes the first value of the last output as kBdtBackground whatever it means, so a regressor's prediction is cut on as if it were the background probability.`,
  },

  // The models of one config together.
  {
    code: 'onnx-models-disagree',
    category: 'onnx',
    defaultSeverity: 'warning',
    summary: 'Models of one config that differ in width, classes, feature names or producer.',
    rationale: `${ML_RESPONSE_H} applies one inputFeatures list and one class count to the model of every bin, so the models of a config must share their inputs and classes.`,
  },
];

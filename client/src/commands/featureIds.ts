/** Identifiers of the commands of the ONNX, inference, bin map and Hyperloop features. */
export const FEATURE_COMMANDS = {
  generateHyperloopString: 'dqml.generateHyperloopString',
  updateDplConfiguration: 'dqml.updateDplConfiguration',
  checkOnnxInputs: 'dqml.checkOnnxInputs',
  inspectOnnxModel: 'dqml.inspectOnnxModel',
  runQuickInference: 'dqml.runQuickInference',
  showBinMap: 'dqml.showBinMap',
} as const;

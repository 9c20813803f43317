import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getLanguageService,
  TextDocument,
  type Diagnostic,
  type JSONSchema,
} from 'vscode-json-languageservice';
import { buildConfigSchema } from '../../schemas/src/schema';

const root = join(__dirname, '..', '..');
const SCHEMA_URI = 'dqml://schemas/bdt-config.schema.json';

/** VS Code's JSON language service with the config schema on every file, as the editor runs it. */
function languageService() {
  const service = getLanguageService({});
  service.configure({
    validate: true,
    schemas: [
      { uri: SCHEMA_URI, fileMatch: ['*.json'], schema: buildConfigSchema() as JSONSchema },
    ],
  });
  return service;
}

async function validate(text: string): Promise<Diagnostic[]> {
  const service = languageService();
  const document = TextDocument.create('file:///work/bdtCut.json', 'json', 1, text);
  return service.doValidation(document, service.parseJSONDocument(document), {
    schemaValidation: 'error',
  });
}

async function complete(textWithCursor: string): Promise<string[]> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const service = languageService();
  const document = TextDocument.create('file:///work/bdtCut.json', 'json', 1, text);
  const list = await service.doComplete(
    document,
    document.positionAt(offset),
    service.parseJSONDocument(document),
  );
  return (list?.items ?? []).map((item) => item.label);
}

/** The config of the framework's documentation: one centrality block, two pT bins. */
function binaryConfig(): Record<string, unknown> {
  return {
    TestCut: {
      type: 'Binary',
      title: 'MyBDTModel',
      inputFeatures: ['kMass', 'kPt', 'kPt1', 'kTPCNSigmaEl1'],
      modelFiles: ['cent_10_30_pt0_2_onnx.onnx', 'cent_10_30_pt2_20_onnx.onnx'],
      cent: 'kCentFT0C',
      'AddCentCut-Cent1030': {
        centMin: 10,
        centMax: 30,
        'AddPtCut-pTBin1': {
          pTMin: 0,
          pTMax: 2,
          'AddMLCut-background': { var: 'kBdtBackground', cut: 0.5, exclude: true },
        },
        'AddPtCut-pTBin2': {
          pTMin: 2,
          pTMax: 20,
          'AddMLCut-background': { var: 'kBdtBackground', cut: 0.4, exclude: true },
        },
      },
    },
  };
}

type Selection = Record<string, unknown>;
type Block = Record<string, Record<string, unknown>>;

function edited(edit: (selection: Selection) => void): string {
  const config = binaryConfig();
  edit(config.TestCut as Selection);
  return JSON.stringify(config, null, 2);
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function messages(diagnostics: Diagnostic[]): string {
  return diagnostics.map(messageOf).join(' | ');
}

describe('config schema', () => {
  it('accepts a valid Binary config', async () => {
    const diagnostics = await validate(JSON.stringify(binaryConfig(), null, 2));
    assert.deepEqual(diagnostics, []);
  });

  it('accepts feature names the framework does not list', async () => {
    const diagnostics = await validate(
      edited((selection) => (selection.inputFeatures = ['kMass', 'kMyOwnVariable'])),
    );
    assert.deepEqual(diagnostics, []);
  });

  it('flags a cut written as a string', async () => {
    const text = edited((selection) => {
      const bin = (selection['AddCentCut-Cent1030'] as Block)['AddPtCut-pTBin1'];
      (bin['AddMLCut-background'] as Record<string, unknown>).cut = '0.58';
    });
    const diagnostics = await validate(text);
    assert.equal(diagnostics.length, 1, messages(diagnostics));
    assert.match(messageOf(diagnostics[0]), /Incorrect type. Expected "number"/);
    const at = text.slice(
      0,
      TextDocument.create('u', 'json', 1, text).offsetAt(diagnostics[0].range.start),
    );
    assert.match(at, /"cut": $/);
  });

  it('flags an unknown type, estimator and score name', async () => {
    const text = edited((selection) => {
      selection.type = 'Regression';
      selection.cent = 'kCentFV0A';
      const bin = (selection['AddCentCut-Cent1030'] as Block)['AddPtCut-pTBin2'];
      (bin['AddMLCut-background'] as Record<string, unknown>).var = 'kBdtSignal';
    });
    const diagnostics = await validate(text);
    assert.equal(diagnostics.length, 3, messages(diagnostics));
    for (const diagnostic of diagnostics) {
      assert.match(messageOf(diagnostic), /Value is not accepted. Valid values:/);
    }
  });

  it('flags missing required members', async () => {
    const text = edited((selection) => {
      delete selection.cent;
      delete (selection['AddCentCut-Cent1030'] as Block)['AddPtCut-pTBin1'].pTMax;
    });
    const diagnostics = await validate(text);
    assert.equal(diagnostics.length, 2, messages(diagnostics));
    assert.match(messages(diagnostics), /Missing property "cent"/);
    assert.match(messages(diagnostics), /Missing property "pTMax"/);
  });

  it('flags a non-boolean exclude', async () => {
    const text = edited((selection) => {
      const bin = (selection['AddCentCut-Cent1030'] as Block)['AddPtCut-pTBin1'];
      (bin['AddMLCut-background'] as Record<string, unknown>).exclude = 'true';
    });
    const diagnostics = await validate(text);
    assert.equal(diagnostics.length, 1, messages(diagnostics));
    assert.match(messageOf(diagnostics[0]), /Expected "boolean"/);
  });

  it('leaves a DPL configuration file alone', async () => {
    const dpl = {
      'internal-dpl-clock': '',
      'analysis-same-event-pairing': {
        applyBDT: 'true',
        fConfigBdtCutsJSON: JSON.stringify(binaryConfig()),
        modelPathsCCDB: { values: ['Users/x/ML/bin0/'] },
      },
    };
    assert.deepEqual(await validate(JSON.stringify(dpl, null, 2)), []);
  });

  it('completes feature names in inputFeatures', async () => {
    const labels = await complete('{ "BDTCut": { "type": "Binary", "inputFeatures": [|] } }');
    for (const name of ['"kMass"', '"kTPCNSigmaEl1"', '"kTOFNSigmaPr2"']) {
      assert.ok(labels.includes(name), `${name} in ${labels.join(', ')}`);
    }
  });

  it('completes the selection keys and a centrality block key', async () => {
    const labels = await complete('{ "BDTCut": { "type": "Binary", | } }');
    for (const key of ['inputFeatures', 'modelFiles', 'cent', 'AddCentCut-Cent0010']) {
      assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    }
  });

  it('completes estimators for cent', async () => {
    const labels = await complete('{ "BDTCut": { "type": "Binary", "cent": | } }');
    assert.deepEqual(labels.filter((label) => label.startsWith('"kCent')).sort(), [
      '"kCentFT0A"',
      '"kCentFT0C"',
      '"kCentFT0M"',
    ]);
  });

  const example = join(root, 'examples', 'binary', 'bdtCut.json');
  it('accepts the bundled binary example', async function () {
    if (!existsSync(example)) {
      this.skip();
    }
    assert.deepEqual(await validate(readFileSync(example, 'utf8')), []);
  });
});

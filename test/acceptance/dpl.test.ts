import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeConfig } from '../../server/src/core/analyze';
import {
  analyzeDplDocument,
  compactConfigText,
  decodeStringLiteral,
  hyperloopString,
  isDplConfiguration,
  localString,
  recognizeConfigForm,
  sameTokens,
  updateDplConfiguration,
  type DplUpdate,
} from '../../server/src/core/dpl';
import { readDplDocument, readDplList } from '../../server/src/core/dpl/document';
import { applyEdits } from '../../server/src/core/text';
import { ensureCliBuilt, requireAcceptanceDir, runDqml } from '../support/acceptance';

const DPL_FILES = [
  'dpl-config-with-bdt-string.json',
  'dpl-config-bdt-as-object.json',
  'dpl-config-hf-ml-selection.json',
  'dpl-config-dq-analysis-no-bdt.json',
  'dpl-config-unrelated-task.json',
];
const STRING_FILES = ['hyperloop-string-binary-example.txt', 'local-string-binary-example.txt'];
const CONFIG_FILES = [
  'legacy-layout-f-names.json',
  'legacy-layout-no-centrality.json',
  'legacy-binary-three-cuts.json',
  'training-export-binary.json',
];

function compactOf(text: string): string {
  const result = compactConfigText(text);
  assert.ok(result.ok, 'no compact string');
  return result.compact;
}

function updated(dplText: string, configText: string): DplUpdate {
  const result = updateDplConfiguration(dplText, configText, {
    analysis: { checkModelFiles: false },
  });
  assert.ok(result.ok, `update failed: ${JSON.stringify(!result.ok && result.error)}`);
  return result.update;
}

/** Checks that an update is one insertion and that every other byte is unchanged. */
function assertOneInsertion(original: string, update: DplUpdate): number {
  assert.equal(update.edits.length, 1);
  const [edit] = update.edits;
  assert.equal(edit.span.start, edit.span.end, 'the update replaces text instead of inserting');
  const at = edit.span.start;
  assert.equal(update.text.slice(0, at), original.slice(0, at));
  assert.equal(update.text.slice(at + edit.newText.length), original.slice(at));
  return at;
}

describe('acceptance: Hyperloop strings and DPL configurations', function () {
  let configs: string;
  let example: string;

  before(function () {
    const root = requireAcceptanceDir(this);
    configs = join(root, 'outside-inputs', 'configs');
    example = readFileSync(join(root, 'examples', 'o2physics', 'binary', 'bdtCut.json'), 'utf8');
  });

  const read = (name: string) => readFileSync(join(configs, name), 'utf8');

  it('covers every file of the configs folder', () => {
    const known = new Set([...DPL_FILES, ...STRING_FILES, ...CONFIG_FILES]);
    const unknown = readdirSync(configs).filter((name) => !known.has(name));
    assert.deepEqual(unknown, [], 'files without expectations in this suite');
  });

  describe('hyperloop-string-binary-example.txt', () => {
    it('is the compact form of the binary example', () => {
      const text = read('hyperloop-string-binary-example.txt');
      assert.deepEqual(recognizeConfigForm(text), { form: 'compact' });
      assert.equal(compactOf(example), text.trim());
    });

    it('parses to the same model as the binary example', () => {
      const text = read('hyperloop-string-binary-example.txt');
      assert.ok(sameTokens(text, example));
      const fromString = analyzeConfig(text, { checkModelFiles: false }).model.active;
      const fromExample = analyzeConfig(example, { checkModelFiles: false }).model.active;
      const summary = (selection: typeof fromString) =>
        selection?.bins.map((bin) => [
          bin.label,
          bin.modelFile?.value,
          bin.cuts.map((cut) => [cut.cut, cut.exclude]),
        ]);
      assert.equal(fromString?.bins.length, 4);
      assert.deepEqual(summary(fromString), summary(fromExample));
      assert.deepEqual(
        fromString?.inputFeatures?.items?.map((item) => item.value),
        fromExample?.inputFeatures?.items?.map((item) => item.value),
      );
    });

    it('is printed byte for byte by dqml hyperloop', () => {
      ensureCliBuilt();
      const result = runDqml(['hyperloop', '-'], example);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `${read('hyperloop-string-binary-example.txt').trim()}\n`);
      assert.equal(result.stderr, '');
    });
  });

  describe('local-string-binary-example.txt', () => {
    it('is recognised as one level of string encoding', () => {
      const text = read('local-string-binary-example.txt');
      const compact = read('hyperloop-string-binary-example.txt').trim();
      assert.deepEqual(recognizeConfigForm(text), { form: 'local', depth: 1, decoded: compact });
      assert.equal(localString(compact), text.trim());
    });

    it('unwraps to the same model as the binary example', () => {
      const unwrapped = compactOf(read('local-string-binary-example.txt'));
      assert.ok(sameTokens(unwrapped, example));
    });

    it('is printed byte for byte by dqml hyperloop --local', () => {
      ensureCliBuilt();
      const result = runDqml(['hyperloop', '--local', '-'], example);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, `${read('local-string-binary-example.txt').trim()}\n`);
    });
  });

  describe('dpl-config-with-bdt-string.json', () => {
    it('checks the embedded config in place', () => {
      const text = read('dpl-config-with-bdt-string.json');
      const analysis = analyzeDplDocument(text, { checkModelFiles: false });
      assert.equal(analysis.isDpl, true);
      assert.equal(analysis.configs.length, 1);
      assert.ok(sameTokens(analysis.configs[0].analysis.text, example));
      assert.deepEqual(
        analysis.findings.filter((finding) => finding.code.startsWith('dpl-')),
        [],
      );
    });

    it('places findings at exact positions inside the string', () => {
      const text = read('dpl-config-with-bdt-string.json');
      const analysis = analyzeDplDocument(text, { checkModelFiles: false });
      const [config] = analysis.configs;
      const finding = analysis.findings.find(
        (candidate) => candidate.code === 'binary-keeps-background',
      );
      assert.ok(finding, 'the Binary exclude:false cut is reported');
      const firstExclude = text.indexOf('\\"exclude\\":false') + '\\"exclude\\":'.length;
      assert.deepEqual(finding.span, { start: firstExclude, end: firstExclude + 'false'.length });
      for (const each of analysis.findings) {
        assert.ok(each.span.start >= config.map.contentSpan.start, each.code);
        assert.ok(each.span.end <= config.map.contentSpan.end, each.code);
      }
    });

    it('maps every finding onto the escaped text of the same tokens', () => {
      const text = read('dpl-config-with-bdt-string.json');
      const [config] = analyzeDplDocument(text, { checkModelFiles: false }).configs;
      for (const finding of config.analysis.findings) {
        const source = config.map.toSourceSpan(finding.span);
        const decoded = decodeStringLiteral(`"${text.slice(source.start, source.end)}"`);
        assert.equal(
          decoded?.value,
          config.analysis.text.slice(finding.span.start, finding.span.end),
        );
      }
    });

    it('has 4 bins, 4 model files and 4 CCDB folders', () => {
      const text = read('dpl-config-with-bdt-string.json');
      const [config] = analyzeDplDocument(text, { checkModelFiles: false }).configs;
      assert.equal(config.analysis.model.active?.bins.length, 4);
      assert.equal(config.analysis.model.active?.modelFiles?.items?.length, 4);
      const task = readDplDocument(text).tasks.find(
        (candidate) => candidate.name === 'analysis-same-event-pairing',
      );
      assert.equal(readDplList(task?.options.modelPathsCCDB?.value).items.length, 4);
      const fromCcdb = text.replace(
        '"loadModelsFromCCDB": "false"',
        '"loadModelsFromCCDB": "true"',
      );
      assert.notEqual(fromCcdb, text);
      const codes = analyzeDplDocument(fromCcdb, { checkModelFiles: false }).findings.map(
        (finding) => finding.code,
      );
      assert.ok(!codes.includes('dpl-model-paths-count'));
      assert.ok(!codes.includes('dpl-model-path-shared'));
    });

    it('reports positions inside the string through dqml check', () => {
      ensureCliBuilt();
      const file = join(configs, 'dpl-config-with-bdt-string.json');
      const result = runDqml(['check', '--no-models', '--format', 'json', file]);
      assert.equal(result.status, 0, result.stderr);
      const [report] = JSON.parse(result.stdout) as Array<{
        findings: Array<{ code: string; range: { start: { line: number; character: number } } }>;
      }>;
      const finding = report.findings.find(
        (candidate) => candidate.code === 'binary-keeps-background',
      );
      const text = read('dpl-config-with-bdt-string.json');
      const line = text.split('\n')[finding?.range.start.line ?? 0];
      assert.equal(line.slice(finding?.range.start.character ?? 0).slice(0, 5), 'false');
      assert.ok(line.trimStart().startsWith('"fConfigBdtCutsJSON"'));
    });
  });

  describe('dpl-config-bdt-as-object.json', () => {
    it('reports the object with a fix to the compact string', () => {
      const text = read('dpl-config-bdt-as-object.json');
      const analysis = analyzeDplDocument(text, { checkModelFiles: false });
      const finding = analysis.findings.find(
        (candidate) => candidate.code === 'dpl-config-not-string',
      );
      assert.ok(finding);
      assert.equal(finding.severity, 'error');
      assert.equal(text.slice(finding.span.start, finding.span.end), '"fConfigBdtCutsJSON"');
      const fix = finding.fixes?.[0];
      assert.ok(fix?.preferred);
      const fixed = analyzeDplDocument(applyEdits(text, fix.edits), { checkModelFiles: false });
      assert.equal(fixed.configs[0].encoding, 'string');
      assert.equal(fixed.configs[0].analysis.text, compactOf(example));
      assert.ok(!fixed.findings.some((each) => each.code === 'dpl-config-not-string'));
    });
  });

  describe('dpl-config-bdt-as-object.json update', () => {
    it('replaces only the object by the string', () => {
      const text = read('dpl-config-bdt-as-object.json');
      const update = updated(text, example);
      assert.equal(update.edits.length, 1);
      const [edit] = update.edits;
      assert.equal(text[edit.span.start], '{');
      assert.equal(text[edit.span.end - 1], '}');
      assert.ok(text.slice(0, edit.span.start).endsWith('"fConfigBdtCutsJSON": '));
      assert.equal(edit.newText, localString(compactOf(example)));
      assert.equal(update.text.slice(0, edit.span.start), text.slice(0, edit.span.start));
      assert.equal(
        update.text.slice(edit.span.start + edit.newText.length),
        text.slice(edit.span.end),
      );
    });
  });

  for (const name of ['dpl-config-hf-ml-selection.json', 'dpl-config-unrelated-task.json']) {
    describe(name, () => {
      it('is a DPL file without findings', () => {
        const analysis = analyzeDplDocument(read(name));
        assert.equal(analysis.isDpl, true);
        assert.deepEqual(analysis.findings, []);
        assert.deepEqual(analysis.configs, []);
      });

      it('keeps its shapes and escapes on update', () => {
        const text = read(name);
        const update = updated(text, example);
        assertOneInsertion(text, update);
        assert.equal(update.taskCreated, true);
        const slashEscapes = (value: string) => value.split('\\/').length - 1;
        const added = slashEscapes(update.edits[0].newText);
        assert.equal(slashEscapes(update.text), slashEscapes(text) + added);
        const before = JSON.parse(text) as Record<string, unknown>;
        const after = JSON.parse(update.text) as Record<string, unknown>;
        delete after['analysis-same-event-pairing'];
        assert.deepEqual(after, before);
      });
    });
  }

  describe('dpl-config-dq-analysis-no-bdt.json', () => {
    it('gets the BDT options without any other change', () => {
      const text = read('dpl-config-dq-analysis-no-bdt.json');
      const update = updated(text, example);
      const at = assertOneInsertion(text, update);
      assert.ok(text.slice(0, at).endsWith('"processDummy": "false"'));
      assert.equal(update.taskCreated, false);
      const task = (JSON.parse(update.text) as Record<string, Record<string, string>>)[
        'analysis-same-event-pairing'
      ];
      assert.equal(task.applyBDT, 'true');
      assert.equal(task.fConfigBdtCutsJSON, compactOf(example));
      assert.equal(task.loadModelsFromCCDB, 'false');
      const beforeTask = (JSON.parse(text) as Record<string, Record<string, string>>)[
        'analysis-same-event-pairing'
      ];
      for (const [key, value] of Object.entries(beforeTask)) assert.equal(task[key], value, key);
    });

    it('gets four CCDB folders when asked', () => {
      const text = read('dpl-config-dq-analysis-no-bdt.json');
      const folders = ['ML/bin0/', 'ML/bin1/', 'ML/bin2/', 'ML/bin3/'];
      const result = updateDplConfiguration(text, example, {
        modelPathsCCDB: folders,
        analysis: { checkModelFiles: false },
      });
      assert.ok(result.ok);
      if (!result.ok) return;
      assertOneInsertion(text, result.update);
      assert.equal(result.update.modelPaths.status, 'ok');
      const analysis = analyzeDplDocument(result.update.text, { checkModelFiles: false });
      assert.ok(!analysis.findings.some((finding) => finding.code.startsWith('dpl-')));
    });
  });

  for (const name of CONFIG_FILES) {
    describe(name, () => {
      it('is a config, not a DPL file', () => {
        assert.equal(isDplConfiguration(read(name)), false);
      });

      it('round-trips through both strings', () => {
        const text = read(name);
        const compact = hyperloopString(text);
        assert.ok(compact.ok);
        if (!compact.ok) return;
        assert.ok(sameTokens(compact.compact, text));
        assert.ok(sameTokens(JSON.parse(localString(compact.compact)) as string, text));
      });
    });
  }
});

import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { analyzeConfig } from '../../server/src/core/analyze';
import { ruleDocsPath } from '../../server/src/core/docs';
import type { Finding } from '../../server/src/core/findings';
import { allRules, ruleInfo } from '../../server/src/core/registry';
import {
  binaryConfig,
  multiClassConfig,
  toText,
  type Json,
  type JsonObject,
} from '../support/configs';

const ROOT = join(__dirname, '..', '..');
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SEVERITIES = ['error', 'warning', 'info'];
/** Categories of the checks on the config text itself, whose pages show a config example. */
const CONFIG_CATEGORIES = ['syntax', 'structure', 'features', 'models', 'bins', 'cuts'];

function readPage(code: string): string {
  return readFileSync(join(ROOT, ruleDocsPath(code)), 'utf8');
}

/** Returns the body of the `## heading` section of a Markdown page, or undefined. */
function section(page: string, heading: string): string | undefined {
  const start = page.indexOf(`\n## ${heading}\n`);
  if (start < 0) return undefined;
  const bodyStart = start + heading.length + 5;
  const next = page.indexOf('\n## ', bodyStart);
  return page.slice(bodyStart, next < 0 ? page.length : next);
}

/** Returns the contents of the fenced `json` blocks of a Markdown text, in order. */
function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) =>
    match[1].replace(/\n$/, ''),
  );
}

/**
 * Lists every variant of a config reachable by one change of one member: removed, replaced
 * by a value of each JSON type, or renamed with a typo. Deep members are reached through
 * their parents, so every block, field and list entry is changed once.
 */
function mutations(config: JsonObject): string[] {
  const replacements: Json[] = [null, true, -1, 0.5, 1e3, '', 'x', '0.5', [], {}, ['x']];
  const texts: string[] = [];
  const visit = (object: JsonObject, rebuild: (changed: JsonObject) => JsonObject) => {
    for (const key of Object.keys(object)) {
      const without = { ...object };
      delete without[key];
      texts.push(toText(rebuild(without)));
      const renamed = Object.fromEntries(
        Object.entries(object).map(([name, value]) => [name === key ? key.slice(1) : name, value]),
      );
      texts.push(toText(rebuild(renamed)));
      for (const replacement of replacements) {
        texts.push(toText(rebuild({ ...object, [key]: replacement })));
      }
      const value = object[key];
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        visit(value, (changed) => rebuild({ ...object, [key]: changed }));
      }
      if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
          for (const replacement of replacements) {
            const list = [...value];
            list[index] = replacement;
            texts.push(toText(rebuild({ ...object, [key]: list })));
          }
        }
      }
    }
  };
  visit(config, (changed) => changed);
  return texts;
}

/** Returns damaged copies of a config text: cut short, or with stray characters and JSON5 leniencies. */
function damagedTexts(text: string): string[] {
  const damaged: string[] = [];
  for (let cut = 0; cut < text.length; cut += 37) damaged.push(text.slice(0, cut));
  for (const insert of [',', '}', ']', '"', "'", '// x\n', '/*', 'NaN', '\t', '\u00a0', '\\']) {
    for (let at = 0; at < text.length; at += 53) {
      damaged.push(text.slice(0, at) + insert + text.slice(at));
    }
  }
  return damaged;
}

describe('rule registry', () => {
  const rules = allRules();

  it('lists config rules', () => {
    assert.ok(rules.some((rule) => rule.category === 'cuts'));
  });

  for (const rule of rules) {
    describe(rule.code, () => {
      it('is kebab-case', () => {
        assert.match(rule.code, KEBAB_CASE);
      });

      it('has a known severity', () => {
        assert.ok(SEVERITIES.includes(rule.defaultSeverity), rule.defaultSeverity);
      });

      it('has a one-line summary', () => {
        assert.ok(rule.summary.trim().length > 0, 'empty summary');
        assert.doesNotMatch(rule.summary, /\n/);
      });

      it('has a rationale', () => {
        assert.ok(rule.rationale.trim().length > 0, 'empty rationale');
      });

      it('has a docs page', () => {
        const path = join(ROOT, ruleDocsPath(rule.code));
        assert.ok(existsSync(path), `missing ${ruleDocsPath(rule.code)}`);
      });

      it('is in the docs index', () => {
        const index = readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
        assert.ok(index.includes(`[${rule.code}](${rule.code}.md)`), 'no link in README.md');
      });
    });
  }

  it('has unique codes', () => {
    const codes = rules.map((rule) => rule.code);
    const repeated = codes.filter((code, index) => codes.indexOf(code) !== index);
    assert.deepEqual(repeated, []);
  });

  it('has a code for every page', () => {
    const pages = readdirSync(join(ROOT, 'docs', 'rules'))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => basename(name, '.md'));
    const orphans = pages.filter((code) => !ruleInfo(code));
    assert.deepEqual(orphans, []);
  });
});

describe('findings of broken configs', () => {
  const findings: Array<{ text: string; finding: Finding }> = [];
  let corpusSize = 0;

  before(() => {
    const corpus = [
      ...mutations(binaryConfig()),
      ...mutations(multiClassConfig()),
      ...damagedTexts(toText(binaryConfig())),
      ...damagedTexts(JSON.stringify(multiClassConfig())),
    ];
    corpusSize = corpus.length;
    for (const text of corpus) {
      for (const finding of analyzeConfig(text).findings) findings.push({ text, finding });
    }
  });

  it('produce findings', () => {
    assert.ok(findings.length > corpusSize, `${findings.length} findings`);
  });

  it('have registered codes', () => {
    const unregistered = findings.filter(({ finding }) => !ruleInfo(finding.code));
    assert.deepEqual(
      unregistered.map(({ finding }) => finding.code),
      [],
    );
  });

  it('stay inside the text', () => {
    const outside = findings.filter(
      ({ text, finding }) =>
        finding.span.start < 0 ||
        finding.span.end > text.length ||
        finding.span.start > finding.span.end,
    );
    assert.deepEqual(
      outside.map(({ finding }) => finding.code),
      [],
    );
  });

  it('end their messages with a sentence', () => {
    const unfinished = findings
      .map(({ finding }) => finding.message)
      .filter((message) => !/[.?)]$/.test(message));
    assert.deepEqual([...new Set(unfinished)], []);
  });

  it('have fixes that apply cleanly', () => {
    const failures: string[] = [];
    for (const { text, finding } of findings) {
      for (const fix of finding.fixes ?? []) {
        const inside = fix.edits.every(
          (edit) => edit.span.start >= 0 && edit.span.end <= text.length,
        );
        if (!inside || fix.edits.length === 0) failures.push(`${finding.code}: ${fix.title}`);
      }
    }
    assert.deepEqual([...new Set(failures)], []);
  });
});

describe('rule docs pages', () => {
  const configRules = allRules().filter((rule) => CONFIG_CATEGORIES.includes(rule.category));
  // Model files the examples treat as present next to the config.
  const present = new Set(['cent_10_30_pt0_2_onnx.onnx', 'cent_10_30_pt2_20_onnx.onnx']);
  const options = {
    configPath: resolve('docs-example', 'bdtCut.json'),
    fileExists: (path: string) => present.has(basename(path)),
  };
  const codesIn = (text: string) => analyzeConfig(text, options).findings.map((f) => f.code);

  for (const rule of configRules) {
    describe(rule.code, () => {
      const page = readPage(rule.code);
      const example = section(page, 'Example') ?? '';
      const [before, after] = jsonBlocks(example);

      it('starts with the code', () => {
        assert.equal(page.split('\n')[0], `# ${rule.code}`);
      });

      it('states the default severity', () => {
        assert.ok(page.includes(`Default severity: **${rule.defaultSeverity}**`));
      });

      it('explains what it catches', () => {
        assert.ok(section(page, 'What it catches')?.trim(), 'no "What it catches" section');
      });

      it('names the framework source', () => {
        const why = section(page, 'Why the framework cares') ?? '';
        assert.match(
          why,
          /GetBdtScoreCutsAndConfigFromJSON|DQMlResponse\.h|VarManager|MlResponse\.h|model\.h/,
        );
      });

      it('has a before example that fires', () => {
        assert.notEqual(before, undefined, 'no example');
        assert.ok(codesIn(before).includes(rule.code), codesIn(before).join(', '));
      });

      it('has a clean after example', () => {
        assert.notEqual(after, undefined, 'no fixed example');
        assert.ok(!codesIn(after).includes(rule.code), codesIn(after).join(', '));
      });

      it('says how to turn it off', () => {
        const off = section(page, 'Turning it off') ?? '';
        assert.ok(off.includes(`--rule ${rule.code}=off`), 'no --rule');
        assert.ok(off.includes('"dqml.rules"'), 'no dqml.rules');
      });
    });
  }
});

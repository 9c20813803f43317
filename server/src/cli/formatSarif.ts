import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/analyze';
import { ruleDocsPath } from '../core/docs';
import type { Finding, Severity } from '../core/findings';
import { allRules } from '../core/registry';
import { LineIndex, type Span } from '../core/text';
import { isAbsolute, resolve, sep } from 'node:path';

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** Builds a SARIF 2.1.0 log of the findings, with metadata and help for every rule. */
export function formatSarif(
  results: ReadonlyArray<{ file: string; analysis: Analysis }>,
  packageRoot: string,
  version: string,
): object {
  const rules = allRules();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code, index]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dqml',
            version,
            rules: rules.map((rule) => ({
              id: rule.code,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.rationale },
              help: { text: `${rule.summary} ${rule.rationale}` },
              helpUri: pathToFileURL(resolve(packageRoot, ruleDocsPath(rule.code))).href,
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
              properties: { category: rule.category },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, analysis }) => {
          const index = new LineIndex(analysis.text);
          const uri = artifactUri(file);
          return analysis.findings.map((finding) => sarifResult(finding, uri, index, ruleIndex));
        }),
      },
    ],
  };
}

function sarifResult(
  finding: Finding,
  uri: string,
  index: LineIndex,
  ruleIndex: Map<string, number>,
) {
  return {
    ruleId: finding.code,
    ruleIndex: ruleIndex.get(finding.code),
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [location(uri, finding.span, index)],
    relatedLocations: finding.related?.map((related, id) => ({
      id,
      message: { text: related.message },
      ...location(related.file ? artifactUri(related.file) : uri, related.span, index),
    })),
    fixes: finding.fixes?.map((fix) => ({
      description: { text: fix.title },
      artifactChanges: [
        {
          artifactLocation: { uri },
          replacements: fix.edits.map((edit) => ({
            deletedRegion: region(edit.span, index),
            insertedContent: { text: edit.newText },
          })),
        },
      ],
    })),
  };
}

/**
 * Returns the SARIF artifact URI of a file: a relative path percent-encoded as a relative
 * URI reference (resolved against the checkout, as code-scanning tools do), an absolute
 * one as a `file:` URL.
 */
export function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).map(encodeURIComponent).join('/');
}

function location(uri: string, span: Span, index: LineIndex) {
  return { physicalLocation: { artifactLocation: { uri }, region: region(span, index) } };
}

function region(span: Span, index: LineIndex) {
  const start = index.positionAt(span.start);
  const end = index.positionAt(span.end);
  return {
    startLine: start.line + 1,
    startColumn: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    charOffset: span.start,
    charLength: span.end - span.start,
  };
}

/** Returns the documentation page of a code, relative to the package root. */
export function ruleDocsPath(code: string): string {
  return `docs/rules/${code}.md`;
}

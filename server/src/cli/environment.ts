/** The output streams and install facts a CLI command uses, so tests can run it in-process. */
export interface CliEnvironment {
  stdout(line: string): void;
  stderr(line: string): void;
  /** Folder of the installed package, where `docs/` lives. */
  packageRoot: string;
  version: string;
}

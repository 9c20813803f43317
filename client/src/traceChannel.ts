import * as vscode from 'vscode';
import { SETTINGS_SECTION } from './settings';

const TRACE_SETTING = 'trace.server';

/**
 * A LogOutputChannel for the protocol trace whose level follows `dqml.trace.server`.
 * vscode-languageclient 11 traces only while its trace channel is at level Trace, and the
 * level of a real LogOutputChannel can be changed only by the user ("Set Log Level"), so
 * this adapter reports Trace whenever the setting is not `off`.
 */
export class TraceChannel implements vscode.LogOutputChannel {
  private readonly channel: vscode.OutputChannel;
  private readonly levelEmitter = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly configListener: vscode.Disposable;
  private level: vscode.LogLevel;

  readonly onDidChangeLogLevel = this.levelEmitter.event;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name);
    this.level = TraceChannel.levelFromSettings();
    this.configListener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(`${SETTINGS_SECTION}.${TRACE_SETTING}`)) return;
      const level = TraceChannel.levelFromSettings();
      if (level === this.level) return;
      this.level = level;
      this.levelEmitter.fire(level);
    });
  }

  private static levelFromSettings(): vscode.LogLevel {
    const value = vscode.workspace
      .getConfiguration(SETTINGS_SECTION)
      .get<string>(TRACE_SETTING, 'off');
    return value === 'off' ? vscode.LogLevel.Info : vscode.LogLevel.Trace;
  }

  get name(): string {
    return this.channel.name;
  }

  get logLevel(): vscode.LogLevel {
    return this.level;
  }

  trace(message: string, ...args: unknown[]): void {
    this.write('trace', message, args);
  }
  debug(message: string, ...args: unknown[]): void {
    this.write('debug', message, args);
  }
  info(message: string, ...args: unknown[]): void {
    this.write('info', message, args);
  }
  warn(message: string, ...args: unknown[]): void {
    this.write('warning', message, args);
  }
  error(error: string | Error, ...args: unknown[]): void {
    this.write('error', error instanceof Error ? (error.stack ?? error.message) : error, args);
  }

  private write(level: string, message: string, args: unknown[]): void {
    const extra = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg)));
    this.channel.appendLine(
      `${new Date().toISOString()} [${level}] ${[message, ...extra].join(' ')}`,
    );
  }

  append(value: string): void {
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === 'boolean') {
      this.channel.show(columnOrPreserveFocus);
    } else {
      this.channel.show(columnOrPreserveFocus, preserveFocus);
    }
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.configListener.dispose();
    this.levelEmitter.dispose();
    this.channel.dispose();
  }
}

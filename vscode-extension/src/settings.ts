// Reading the `berth.*` settings through the VS Code API. Only types come from `vscode`, so
// the tests hand these functions a stub of `vscode.workspace`.
import type * as vscode from 'vscode';
import type { BerthSettings } from './server';

/** The part of `vscode.workspace` the settings need. */
export type WorkspaceApi = Pick<typeof vscode.workspace, 'getConfiguration' | 'workspaceFolders'>;

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

export function readSettings(workspace: Pick<WorkspaceApi, 'getConfiguration'>): BerthSettings {
  const config = workspace.getConfiguration('berth');
  return {
    path: optionalString(config.get<unknown>('path')),
    configFile: optionalString(config.get<unknown>('configFile')),
  };
}

/** The first workspace folder on disk, against which relative settings are resolved. */
export function workspaceFolderPath(workspace: Pick<WorkspaceApi, 'workspaceFolders'>): string | undefined {
  const folder = workspace.workspaceFolders?.find((candidate) => candidate.uri.scheme === 'file');
  return folder?.uri.fsPath;
}

/**
 * The requests the browser language server sends its client to reach the workspace's files: a
 * Web Worker has no file system, the editor has one (`vscode.workspace.findFiles` and
 * `workspace.fs`, over any scheme: `vscode-vfs:`, `file:` and others). Plain data, shared by
 * both sides of the connection.
 */

/** `kubeTlsLint/findFiles`: the URIs of the folder's files with one of these names (globs), or null when the client cannot list. */
export const FIND_FILES_REQUEST = 'kubeTlsLint/findFiles';

export interface FindFilesParams {
  folderUri: string;
  /** File name globs, e.g. `*.yaml`: matched in every folder below. */
  names: string[];
  /** At most this many URIs. */
  maxResults: number;
}

/** `kubeTlsLint/readFile`: one file's text. */
export const READ_FILE_REQUEST = 'kubeTlsLint/readFile';

export interface ReadFileParams {
  uri: string;
  /** Bigger files are not read (their size is reported instead). */
  maxBytes: number;
}

export type ReadFileResult = { text: string } | { tooBig: number } | { error: string };

/**
 * `kubeTlsLint/status`: the notification the language server sends to clients that ask for it
 * (our VS Code client's status bar). Plain data, shared by both sides of the connection.
 */
export interface StatusParams {
  state: 'ready' | 'scanning';
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** Files with at least one finding. */
  files: number;
  scan?: { done: number; total: number };
}

export const STATUS_NOTIFICATION = 'kubeTlsLint/status';

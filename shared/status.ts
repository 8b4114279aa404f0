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
  /** Files with at least one error, warning or info: those the Problems panel lists (it leaves hints out). */
  listedFiles: number;
  scan?: { done: number; total: number };
}

export const STATUS_NOTIFICATION = 'kubeTlsLint/status';

/** `kubeTlsLint/report`: the client sends the findings it shows, the server renders the report page. */
export const REPORT_REQUEST = 'kubeTlsLint/report';

export interface ReportFinding {
  /** Relative to the workspace folder. */
  file: string;
  /** Where a link opens the finding (a `command:` URI in the editor's webview). */
  link: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportParams {
  findings: ReportFinding[];
  files: number;
}

/**
 * The status bar item once checked: the count is what the Problems panel lists (errors, warnings
 * and infos; it never lists hints), the hints are told apart in the tooltip.
 */
export function readyStatus(status: StatusParams | undefined): { icon: 'error' | 'warning' | 'shield'; count: number; tooltip: string } {
  if (!status) return { icon: 'shield', count: 0, tooltip: 'kube-tls-lint: running' };
  const count = status.errors + status.warnings + status.infos;
  const listed = [plural(status.errors, 'error'), plural(status.warnings, 'warning'), plural(status.infos, 'info')].filter(Boolean);
  const problems = listed.length ? `${listed.join(', ')} in ${plural(status.listedFiles, 'file')}` : 'no problems found';
  const hints = status.hints ? `; ${plural(status.hints, 'hint')} (shown in the editor, not in the Problems panel)` : '';
  return { icon: status.errors ? 'error' : count ? 'warning' : 'shield', count, tooltip: `kube-tls-lint: ${problems}${hints}. Click to show the output.` };
}

function plural(n: number, word: string): string {
  return n ? `${n} ${word}${n === 1 ? '' : 's'}` : '';
}

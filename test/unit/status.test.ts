// The status bar item counts what the Problems panel lists; hints are told apart in the tooltip.
import * as assert from 'node:assert/strict';
import { readyStatus, StatusParams } from '../../shared/status';

const base: StatusParams = { state: 'ready', errors: 0, warnings: 0, infos: 0, hints: 0, files: 0, listedFiles: 0 };

describe('status bar', () => {
  it('counts errors, warnings and infos, not hints', () => {
    assert.deepEqual(readyStatus({ ...base, errors: 2, warnings: 1, infos: 1, hints: 13, files: 5, listedFiles: 2 }), {
      icon: 'error',
      count: 4,
      tooltip: 'kube-tls-lint: 2 errors, 1 warning, 1 info in 2 files; 13 hints (shown in the editor, not in the Problems panel). Click to show the output.',
    });
  });

  it('shows the shield and no count when there are hints only', () => {
    assert.deepEqual(readyStatus({ ...base, hints: 1, files: 1 }), {
      icon: 'shield',
      count: 0,
      tooltip: 'kube-tls-lint: no problems found; 1 hint (shown in the editor, not in the Problems panel). Click to show the output.',
    });
    assert.deepEqual(readyStatus({ ...base, warnings: 3, files: 1, listedFiles: 1 }), { icon: 'warning', count: 3, tooltip: 'kube-tls-lint: 3 warnings in 1 file. Click to show the output.' });
    assert.deepEqual(readyStatus(base), { icon: 'shield', count: 0, tooltip: 'kube-tls-lint: no problems found. Click to show the output.' });
  });
});

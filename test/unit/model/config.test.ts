import assert from 'node:assert/strict';
import { DEFAULT_FIX_VALUES, defaultConfig, mergeConfig, parseProjectConfig } from '../../../shared/config';
import { lint } from '../../../shared/engine';

describe('config: .kube-tls-lint.yaml', () => {
  it('reads rules, fix values and excludes', () => {
    const { config, warnings, exclude } = parseProjectConfig('rules:\n  apiserver-secure-port-disabled: off\n  eck-http-tls-disabled: ERROR\nfix:\n  tlsCertFile: /pki/c.crt\nexclude:\n  - vendor/**\n');
    assert.deepEqual(warnings, []);
    assert.deepEqual(config.rules, { 'apiserver-secure-port-disabled': 'off', 'eck-http-tls-disabled': 'error' });
    assert.equal(config.fix.tlsCertFile, '/pki/c.crt');
    assert.equal(config.fix.tlsPrivateKeyFile, DEFAULT_FIX_VALUES.tlsPrivateKeyFile);
    assert.deepEqual(exclude, ['vendor/**']);
  });

  it('keeps valid entries and warns about each invalid one', () => {
    const { config, warnings } = parseProjectConfig('rules:\n  no-such-rule: error\n  apiserver-tls-files-missing: loud\n  yaml-syntax: warning\nfix:\n  tlsCertFile: "/a b"\n  nope: /x\nextra: 1\n', 'cfg.yaml');
    assert.deepEqual(config.rules, { 'yaml-syntax': 'warning' });
    assert.equal(config.fix.tlsCertFile, DEFAULT_FIX_VALUES.tlsCertFile);
    assert.equal(warnings.length, 5);
    assert.ok(warnings.every((w) => w.startsWith('cfg.yaml: ')));
    assert.ok(warnings.some((w) => w.includes('unknown rule "no-such-rule"')));
    assert.ok(warnings.some((w) => w.includes('"loud"')));
    assert.ok(warnings.some((w) => w.includes('unknown setting "extra"')));
  });

  it('falls back to defaults for broken or odd files', () => {
    for (const text of ['rules: [', '[1, 2]', 'just text', 'rules: 5\nfix: []\nexclude: [1]\n']) {
      const { config, warnings } = parseProjectConfig(text);
      assert.deepEqual(config, defaultConfig(), text);
      assert.ok(warnings.length > 0, text);
    }
    assert.deepEqual(parseProjectConfig(''), { config: defaultConfig(), warnings: [], exclude: [], include: [] });
  });

  it('an alias bomb in the config is refused, not expanded', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nrules: *d\n';
    const { config, warnings } = parseProjectConfig(bomb);
    assert.deepEqual(config, defaultConfig());
    assert.ok(warnings.length > 0);
  });

  it('later layers win', () => {
    const merged = mergeConfig({ rules: { a: 'off', b: 'error' }, fix: { tlsCertFile: '/1' } }, undefined, { rules: { a: 'hint' }, fix: {} });
    assert.deepEqual(merged.rules, { a: 'hint', b: 'error' });
    assert.equal(merged.fix.tlsCertFile, '/1');
    assert.equal(merged.fix.tlsPrivateKeyFile, DEFAULT_FIX_VALUES.tlsPrivateKeyFile);
  });

  it('the engine applies severities and turns rules off', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    command: [kube-apiserver, --secure-port=0, --tls-cert-file=/a, --tls-private-key-file=/b]\n';
    const severities = (rules: Record<string, 'off' | 'hint'>) =>
      lint(text, { config: mergeConfig({ rules }) }).findings.filter((f) => f.ruleId === 'apiserver-secure-port-disabled').map((f) => f.severity);
    assert.deepEqual(severities({}), ['error']);
    assert.deepEqual(severities({ 'apiserver-secure-port-disabled': 'hint' }), ['hint']);
    assert.deepEqual(severities({ 'apiserver-secure-port-disabled': 'off' }), []);
  });
});

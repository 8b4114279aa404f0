import assert from 'node:assert/strict';
import { parseFlags } from '../../../shared/model/flags';
import type { Word } from '../../../shared/model/invocation';

/** Words laid out one after another, as if each were a sequence item. */
function words(...values: Array<string | { value: string; templated: boolean }>): Word[] {
  let offset = 0;
  return values.map((v) => {
    const value = typeof v === 'string' ? v : v.value;
    const range = { start: offset, end: offset + value.length };
    offset += value.length + 1;
    return { value, range, located: true, templated: typeof v === 'string' ? false : v.templated };
  });
}

describe('model/flags: parseFlags', () => {
  it('--flag=value, --flag value and a bare --flag', () => {
    const flags = parseFlags(words('--a=1', '--b', '2', '--c'));
    assert.deepEqual(flags.occurrences.map((o) => [o.name, o.value]), [['a', '1'], ['b', '2'], ['c', undefined]]);
    const b = flags.last('b')!;
    assert.equal(b.valueWord?.value, '2');
    assert.deepEqual(b.range, { start: 6, end: 11 });
  });

  it('a following flag is not a value', () => {
    const flags = parseFlags(words('--a', '--b=1'));
    assert.equal(flags.last('a')!.value, undefined);
    assert.equal(flags.value('b'), '1');
  });

  it('boolean flags never take the next word', () => {
    const flags = parseFlags(words('--profiling', 'x', '--anonymous-auth=false'));
    assert.equal(flags.value('profiling'), 'true');
    assert.equal(flags.value('anonymous-auth'), 'false');
    assert.equal(flags.occurrences.length, 2);
  });

  it('values keep everything after the first =', () => {
    assert.equal(parseFlags(words('--admission-control-config-file=/a=b')).value('admission-control-config-file'), '/a=b');
    assert.equal(parseFlags(words('--feature-gates=A=true,B=false')).value('feature-gates'), 'A=true,B=false');
  });

  it('the last occurrence wins; all() keeps every one', () => {
    const flags = parseFlags(words('--secure-port=0', '--v=2', '--secure-port', '6443'));
    assert.equal(flags.value('secure-port'), '6443');
    assert.deepEqual(flags.all('secure-port').map((o) => o.value), ['0', '6443']);
  });

  it('names match exactly', () => {
    const flags = parseFlags(words('--tls-cert-file-x=/a', '--peer-cert-file=/b', '--xtls-cert-file=/c'));
    assert.equal(flags.has('tls-cert-file'), false);
    assert.equal(flags.isSet('tls-cert-file'), false);
    assert.equal(flags.has('cert-file'), false);
  });

  it('isSet: empty, quoted-empty and blank values are not set', () => {
    for (const w of ['--f=', '--f=""', "--f=''", '--f=  ']) assert.equal(parseFlags(words(w)).isSet('f'), false, w);
    assert.equal(parseFlags(words('--f')).isSet('f'), false);
    assert.equal(parseFlags(words('--f', '')).isSet('f'), false);
    assert.equal(parseFlags(words('--f=/x')).isSet('f'), true);
  });

  it('templated values are unknown: set, but with no value to judge', () => {
    const flags = parseFlags(words({ value: '--f=____', templated: true }, '--g', { value: '____', templated: true }));
    assert.equal(flags.isSet('f'), true);
    assert.equal(flags.value('f'), undefined);
    assert.equal(flags.last('g')!.unknown, true);
  });

  it('"--" ends the flags; positional words are skipped', () => {
    const flags = parseFlags(words('positional', '--a=1', '--', '--b=2'));
    assert.deepEqual(flags.occurrences.map((o) => o.name), ['a']);
  });

  it('single-dash long flags and surrounding blanks are read as Go\'s flag package does', () => {
    const flags = parseFlags(words('-v=2', ' --a=1 '));
    assert.equal(flags.value('v'), '2');
    assert.equal(flags.value('a'), '1');
  });
});

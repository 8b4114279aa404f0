import assert from 'node:assert/strict';
import { splitShellCommands } from '../../../shared/model/shell';

const values = (script: string) => splitShellCommands(script).map((c) => c.map((w) => w.value));

describe('model/shell: splitting sh -c scripts', () => {
  it('splits words on blanks and tabs', () => {
    assert.deepEqual(values('exec  kube-apiserver\t--v=2'), [['exec', 'kube-apiserver', '--v=2']]);
  });

  it('word offsets point into the script', () => {
    const script = 'exec kube-apiserver --a="b c"';
    assert.deepEqual(
      splitShellCommands(script)[0].map((w) => script.slice(w.start, w.end)),
      ['exec', 'kube-apiserver', '--a="b c"'],
    );
  });

  it('removes quotes and resolves escapes', () => {
    assert.deepEqual(values(`a "--x=b c" '--y=$HOME' --z=d\\ e "q\\"uote" 'it'\\''s'`), [['a', '--x=b c', '--y=$HOME', '--z=d e', 'q"uote', "it's"]]);
  });

  it('keeps expansions as literal text, $( … ) as one word', () => {
    assert.deepEqual(values('a --ip=$(hostname -i) --x=${X:-1}'), [['a', '--ip=$(hostname -i)', '--x=${X:-1}']]);
  });

  it('splits commands on newlines, ;, &&, ||, | and &', () => {
    assert.deepEqual(values('set -e\nmkdir -p /x; a && b || c | d & e'), [['set', '-e'], ['mkdir', '-p', '/x'], ['a'], ['b'], ['c'], ['d'], ['e']]);
  });

  it('joins line continuations (LF and CRLF)', () => {
    assert.deepEqual(values('kube-apiserver \\\n  --a=1 \\\r\n  --b=2\nnext'), [['kube-apiserver', '--a=1', '--b=2'], ['next']]);
  });

  it('drops comments', () => {
    assert.deepEqual(values('# start it\nkube-apiserver --v=2 # verbose\n'), [['kube-apiserver', '--v=2']]);
  });

  it('drops redirections and their targets', () => {
    assert.deepEqual(values('kube-apiserver --v=2 1>>/var/log/kube-apiserver.log 2>&1'), [['kube-apiserver', '--v=2']]);
    assert.deepEqual(values('a > "my log" --b <in --c=1>/dev/null &>all d'), [['a', '--b', '--c=1', 'd']]);
  });

  it('a lone number is a word, not a redirection', () => {
    assert.deepEqual(values('a --secure-port 0'), [['a', '--secure-port', '0']]);
  });

  it('never loops on odd input', () => {
    for (const script of ['"unclosed', "'unclosed", 'a \\', '$(', '>', '2>&', '&>', '(((', ')))', '\\']) {
      assert.doesNotThrow(() => splitShellCommands(script), script);
    }
  });
});

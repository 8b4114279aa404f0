import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatSize, isHelmTemplatePath, listYamlFiles, readTextFileSync } from '../../../shared/workspace/files';

describe('workspace files', () => {
  let dir: string;
  const write = (rel: string, text: string | Buffer) => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('readTextFileSync', () => {
    it('reads UTF-8 text whole, keeping CRLF and a BOM-less first byte', () => {
      const file = write('a.yaml', 'kind: Pod\r\nmetadata: {}\r\n');
      assert.deepEqual(readTextFileSync(file), { text: 'kind: Pod\r\nmetadata: {}\r\n', encoding: 'utf8' });
    });

    it('skips a file over the cap without reading it, naming both sizes', () => {
      const file = write('big.yaml', 'x'.repeat(3000));
      assert.deepEqual(readTextFileSync(file, 2048), { skipped: 'skipped: 3 KB is over the 2 KB size limit' });
    });

    it('shows limits under a kilobyte in bytes, not as 0 KB', () => {
      const file = write('small.yaml', 'x'.repeat(600));
      assert.deepEqual(readTextFileSync(file, 512), { skipped: 'skipped: 600 bytes is over the 512 bytes size limit' });
      assert.equal(formatSize(1024), '1 KB');
      assert.equal(formatSize(1025), '2 KB');
    });

    it('skips binary content', () => {
      const file = write('bin.yaml', Buffer.from([0x61, 0x00, 0x62]));
      assert.deepEqual(readTextFileSync(file), { skipped: 'skipped: binary content (NUL bytes)' });
    });

    it('skips a FIFO named like a manifest instead of waiting on it', function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, 'pipe.yaml');
      const made = spawnSync('mkfifo', [fifo]);
      if (made.status !== 0) this.skip();
      assert.deepEqual(readTextFileSync(fifo), { skipped: 'skipped: not a regular file' });
      assert.deepEqual(readTextFileSync(dir), { skipped: 'skipped: not a regular file' });
    });

    it('reads an empty file as empty text and throws for a missing one', () => {
      assert.deepEqual(readTextFileSync(write('empty.yaml', '')), { text: '', encoding: 'utf8' });
      assert.throws(() => readTextFileSync(path.join(dir, 'nope.yaml')), { code: 'ENOENT' });
    });
  });

  describe('listYamlFiles', () => {
    it('lists .yaml and .yml files in name order, honouring .gitignore and skipping node_modules', async () => {
      write('b.yml', 'a: 1');
      write('a.yaml', 'a: 1');
      write('notes.txt', 'x');
      write('ignored/x.yaml', 'a: 1');
      write('node_modules/pkg/x.yaml', 'a: 1');
      write('.gitignore', 'ignored/\n');
      const { files, errors } = await listYamlFiles([dir]);
      assert.deepEqual(errors, []);
      assert.deepEqual(files.map((f) => path.relative(dir, f.path)), ['a.yaml', 'b.yml']);
    });

    it('lists symbolic links to files but does not follow links to folders', async () => {
      write('real/pod.yaml', 'a: 1');
      fs.symlinkSync(path.join(dir, 'real/pod.yaml'), path.join(dir, 'link.yaml'));
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'linked-dir'));
      fs.symlinkSync(path.join(dir, 'missing.yaml'), path.join(dir, 'dangling.yaml'));
      const { files } = await listYamlFiles([dir]);
      assert.deepEqual(files.map((f) => path.relative(dir, f.path)), ['link.yaml', 'real/pod.yaml']);
    });

    it('awaits beforeFolder before reading each folder (the server lets open documents go first)', async () => {
      write('a/x.yaml', 'a: 1');
      write('a/b/y.yaml', 'a: 1');
      write('c/z.yml', 'a: 1');
      const order: string[] = [];
      let release: () => void = () => {};
      let blocked: () => void = () => {};
      const secondFolder = new Promise<void>((resolve) => (blocked = resolve));
      let waiting = 0;
      const walk = listYamlFiles([dir], {
        beforeFolder: () => {
          waiting++;
          if (waiting !== 2) return Promise.resolve();
          // The second folder waits until released: nothing below it is read meanwhile.
          blocked();
          return new Promise<void>((resolve) => (release = resolve));
        },
        fileName: (name) => (order.push(name), /\.ya?ml$/.test(name)),
      });
      await secondFolder;
      for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual([waiting, order], [2, []]);
      release();
      const { files } = await walk;
      assert.equal(waiting, 4);
      assert.deepEqual(files.map((f) => path.relative(dir, f.path)), ['a/b/y.yaml', 'a/x.yaml', 'c/z.yml']);
    });
  });

  describe('file names that are not UTF-8', () => {
    const bytesOf = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

    it('are listed from the raw directory entries, shown readable, and opened by their bytes', async function () {
      const latin1 = bytesOf(dir, '/caf', [0xe9], '.yaml');
      const folder = bytesOf(dir, '/d', [0xff]);
      try {
        fs.writeFileSync(latin1, 'kind: Pod\n');
        fs.mkdirSync(folder);
      } catch {
        this.skip(); // The file system takes only UTF-8 names.
      }
      fs.writeFileSync(bytesOf(dir, '/d', [0xff], '/pod.yaml'), 'kind: Job\n');
      fs.writeFileSync(bytesOf(dir, '/d', [0xff], '/skip.yaml'), 'kind: Job\n');
      // An ignore file in a folder whose name is not UTF-8 is read too.
      fs.writeFileSync(bytesOf(dir, '/d', [0xff], '/.gitignore'), 'skip.yaml\n');
      write('plain.yaml', 'kind: Service\n');
      const { files, errors } = await listYamlFiles([dir]);
      assert.deepEqual(errors, []);
      assert.deepEqual(
        files.map((f) => ({ path: path.relative(dir, f.path), raw: f.raw?.toString('hex') })),
        [
          { path: 'caf\\xE9.yaml', raw: latin1.toString('hex') },
          { path: path.join('d\\xFF', 'pod.yaml'), raw: bytesOf(dir, '/d', [0xff], '/pod.yaml').toString('hex') },
          { path: 'plain.yaml', raw: undefined },
        ],
      );
      assert.deepEqual(files.map((f) => readTextFileSync(f.raw ?? f.path)), [{ text: 'kind: Pod\n', encoding: 'utf8' }, { text: 'kind: Job\n', encoding: 'utf8' }, { text: 'kind: Service\n', encoding: 'utf8' }]);
    });
  });

  it('recognises chart templates only with a Chart.yaml above templates/', () => {
    const chart = write('chart/templates/deploy.yaml', 'a: 1');
    assert.equal(isHelmTemplatePath(chart, fs.existsSync), false);
    write('chart/Chart.yaml', 'name: x');
    assert.equal(isHelmTemplatePath(chart, fs.existsSync), true);
  });
});

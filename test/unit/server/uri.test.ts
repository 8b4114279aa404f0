import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { pathToUri, rawPathToUri, uriKey, uriToPath, uriToRawPath, uriToReadablePath } from '../../../server/uri';

// POSIX paths are bytes; Windows paths are UTF-16 and never reach rawPathToUri.
(process.platform === 'win32' ? describe.skip : describe)('server: URIs of paths that are not UTF-8', () => {
  const raw = Buffer.concat([Buffer.from('/srv/ws/caf'), Buffer.from([0xe9]), Buffer.from(' x#1.yaml')]);

  it('percent-encodes each byte outside the kept set, so the URI names exactly those bytes', () => {
    assert.equal(rawPathToUri(raw), 'file:///srv/ws/caf%E9%20x%231.yaml');
    assert.deepEqual(uriToRawPath(rawPathToUri(raw)), raw);
  });

  it('gives the URI pathToFileURL gives for a UTF-8 path (same key for the same file)', () => {
    const file = '/srv/ws/déjà vu/a+b.yaml';
    assert.equal(rawPathToUri(Buffer.from(file)), pathToFileURL(file).href);
    assert.equal(uriKey(rawPathToUri(Buffer.from(file))), uriKey(pathToUri(file)));
  });

  it('reads such a URI as no path, but as the readable path the workspace walk shows', () => {
    const uri = rawPathToUri(raw);
    assert.equal(uriToPath(uri), undefined);
    assert.equal(uriKey(uri), uri);
    assert.equal(uriToReadablePath(uri), '/srv/ws/caf\\xE9 x#1.yaml');
    assert.equal(uriToReadablePath('untitled:Untitled-1'), undefined);
    assert.equal(uriToRawPath('file://server/share/a.yaml'), undefined);
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lint } from '../../../shared/engine';
import { KustomizeIndex, patchFilesOf } from '../../../shared/workspace/kustomize';

const INGRESS_PATCH = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
  - host: prod.example.com
`;

describe('Kustomize patches', () => {
  it('reads patches, patchesStrategicMerge and patchesJson6902 file names; inline patches are not files', () => {
    const text = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [../../base]
patches:
- path: patches/ingress.yaml
- patch: |-
    - op: replace
      path: /spec/replicas
      value: 3
  target: {kind: Deployment}
patchesStrategicMerge:
- replicas.yaml
- |-
  apiVersion: v1
  kind: Service
patchesJson6902:
- target: {kind: Ingress, name: web}
  path: json/ingress.json.yaml
`;
    assert.deepEqual(patchFilesOf(text, '/repo/overlays/prod'), [
      '/repo/overlays/prod/patches/ingress.yaml',
      '/repo/overlays/prod/json/ingress.json.yaml',
      '/repo/overlays/prod/replicas.yaml',
    ]);
  });

  it('broken or odd kustomizations name no patches', () => {
    assert.deepEqual(patchFilesOf('patches: [', '/d'), []);
    assert.deepEqual(patchFilesOf('- a\n- b\n', '/d'), []);
    assert.deepEqual(patchFilesOf('patches: {path: x.yaml}\n', '/d'), []);
  });

  describe('KustomizeIndex on disk', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ktl-kustomize-'));
      fs.mkdirSync(path.join(dir, 'overlays/prod/patches'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'overlays/prod/kustomization.yaml'), 'resources: [../../base]\npatches:\n- path: patches/ingress.yaml\n');
      fs.writeFileSync(path.join(dir, 'overlays/prod/patches/ingress.yaml'), INGRESS_PATCH);
      fs.writeFileSync(path.join(dir, 'base/kustomization.yaml'), 'resources: [ingress.yaml]\n');
      fs.writeFileSync(path.join(dir, 'base/ingress.yaml'), INGRESS_PATCH);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds the kustomization a folder above that names the file, and nothing for resources', () => {
      const index = new KustomizeIndex();
      assert.equal(index.isPatch(path.join(dir, 'overlays/prod/patches/ingress.yaml')), true);
      assert.equal(index.isPatch(path.join(dir, 'base/ingress.yaml')), false);
      assert.equal(index.isPatch(path.join(dir, 'overlays/prod/kustomization.yaml')), false);
    });

    it('reads each folder once until cleared', () => {
      const reads: string[] = [];
      const index = new KustomizeIndex((file) => {
        reads.push(path.relative(dir, file));
        return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      });
      const patch = path.join(dir, 'overlays/prod/patches/ingress.yaml');
      index.isPatch(patch);
      const first = reads.length;
      index.isPatch(patch);
      assert.equal(reads.length, first);
      index.clear();
      index.isPatch(patch);
      assert.equal(reads.length, 2 * first);
    });
  });

  it('an Ingress patch with rules but no tls is not reported; the same Ingress as a resource is', () => {
    const ids = (kustomizePatch: boolean) => lint(INGRESS_PATCH, { kustomizePatch }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids(false), ['ingress-tls-missing']);
    assert.deepEqual(ids(true), []);
  });
});

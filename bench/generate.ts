/**
 * Seeded, deterministic benchmark inputs: realistic manifests (mostly Deployments, Services
 * and ConfigMaps, a few control-plane static pods and ECK resources) assembled into a
 * multi-document file of a given line count or size, a file with a given number of
 * findings, and a workspace of many files. Same seed, same bytes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast and good enough for picking shapes. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const WORDS = ['api', 'web', 'cart', 'billing', 'search', 'auth', 'orders', 'users', 'gateway', 'worker', 'cache', 'queue', 'reports', 'media', 'notify', 'ledger'];
const IMAGES = ['nginx:1.27.2', 'ghcr.io/acme/{n}:v{v}', 'registry.example.com/team/{n}:{v}', 'docker.io/library/redis:7.4', 'quay.io/prometheus/node-exporter:v1.8.2'];
const NAMESPACES = ['default', 'prod', 'staging', 'payments', 'platform'];

function name(r: Rand): string {
  return `${pick(r, WORDS)}-${pick(r, WORDS)}-${int(r, 1, 999)}`;
}

function labels(r: Rand, app: string, indent: string): string {
  let out = `${indent}app.kubernetes.io/name: ${app}\n${indent}app.kubernetes.io/part-of: ${pick(r, WORDS)}\n`;
  if (r() < 0.5) out += `${indent}app.kubernetes.io/version: "${int(r, 1, 9)}.${int(r, 0, 20)}.${int(r, 0, 9)}"\n`;
  return out;
}

function container(r: Rand, app: string): string {
  const image = pick(r, IMAGES).replace('{n}', app).replace('{v}', `${int(r, 1, 5)}.${int(r, 0, 30)}.${int(r, 0, 9)}`);
  let out = `      - name: ${app}\n        image: ${image}\n        imagePullPolicy: IfNotPresent\n`;
  if (r() < 0.4) out += `        args:\n        - --port=${int(r, 8000, 9000)}\n        - --log-level=${pick(r, ['info', 'debug', 'warn'])}\n`;
  out += `        ports:\n        - containerPort: ${int(r, 8000, 9000)}\n          name: http\n          protocol: TCP\n`;
  const envCount = int(r, 0, 6);
  if (envCount) {
    out += '        env:\n';
    for (let i = 0; i < envCount; i++) {
      if (r() < 0.3) out += `        - name: SECRET_${i}\n          valueFrom:\n            secretKeyRef:\n              name: ${app}-secrets\n              key: key-${i}\n`;
      else out += `        - name: VAR_${i}\n          value: "${pick(r, WORDS)}-${int(r, 0, 99999)}"\n`;
    }
  }
  out += `        resources:\n          requests:\n            cpu: ${int(r, 10, 500)}m\n            memory: ${int(r, 32, 1024)}Mi\n          limits:\n            memory: ${int(r, 128, 2048)}Mi\n`;
  if (r() < 0.6) out += `        readinessProbe:\n          httpGet:\n            path: /healthz\n            port: http\n          initialDelaySeconds: ${int(r, 1, 30)}\n          periodSeconds: 10\n`;
  if (r() < 0.3) out += `        securityContext:\n          runAsNonRoot: true\n          allowPrivilegeEscalation: false\n          readOnlyRootFilesystem: true\n`;
  return out;
}

function deployment(r: Rand): string {
  const app = name(r);
  let out = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\n  namespace: ${pick(r, NAMESPACES)}\n  labels:\n${labels(r, app, '    ')}`;
  if (r() < 0.3) out += `  annotations:\n    deployment.kubernetes.io/revision: "${int(r, 1, 40)}"\n`;
  out += `spec:\n  replicas: ${int(r, 1, 6)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${app}\n  template:\n    metadata:\n      labels:\n${labels(r, app, '        ')}    spec:\n`;
  if (r() < 0.3) out += '      # Runs under its own service account.\n';
  out += `      serviceAccountName: ${app}\n      containers:\n`;
  const n = r() < 0.8 ? 1 : 2;
  for (let i = 0; i < n; i++) out += container(r, i ? `${app}-sidecar` : app);
  return out;
}

function service(r: Rand): string {
  const app = name(r);
  const port = int(r, 8000, 9000);
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n  namespace: ${pick(r, NAMESPACES)}\n  labels:\n${labels(r, app, '    ')}spec:\n  type: ${pick(r, ['ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer'])}\n  selector:\n    app.kubernetes.io/name: ${app}\n  ports:\n  - name: http\n    port: 80\n    targetPort: ${port}\n    protocol: TCP\n`;
}

function configMap(r: Rand): string {
  const app = name(r);
  let out = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${app}-config\n  namespace: ${pick(r, NAMESPACES)}\ndata:\n`;
  for (let i = 0, n = int(r, 1, 8); i < n; i++) out += `  key_${i}: "${pick(r, WORDS)}=${int(r, 0, 1e6)}"\n`;
  if (r() < 0.4) {
    out += '  app.properties: |\n';
    for (let i = 0, n = int(r, 2, 12); i < n; i++) out += `    ${pick(r, WORDS)}.${pick(r, WORDS)}=${int(r, 0, 9999)}\n`;
  }
  return out;
}

/** A kubeadm-style static pod for a control-plane program; `insecure` adds findings. */
export function staticPod(r: Rand, insecure: boolean): string {
  const binary = pick(r, ['kube-apiserver', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
  const flags: string[] = [];
  if (binary === 'kube-apiserver') {
    flags.push('--advertise-address=10.0.0.10', '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction');
    flags.push('--etcd-servers=https://127.0.0.1:2379', '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key');
    flags.push(insecure ? '--secure-port=0' : '--secure-port=6443', '--service-cluster-ip-range=10.96.0.0/12');
    if (!insecure) flags.push('--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key');
  } else if (binary === 'etcd') {
    flags.push('--advertise-client-urls=https://10.0.0.10:2379', '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--client-cert-auth=true', '--data-dir=/var/lib/etcd', '--key-file=/etc/kubernetes/pki/etcd/server.key');
  } else {
    flags.push('--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--bind-address=127.0.0.1', '--leader-elect=true');
  }
  let out = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${binary}\n  namespace: kube-system\n  labels:\n    component: ${binary}\n    tier: control-plane\nspec:\n  hostNetwork: true\n  priorityClassName: system-node-critical\n  containers:\n  - name: ${binary}\n    image: registry.k8s.io/${binary === 'etcd' ? 'etcd:3.5.15-0' : `${binary}:v1.31.${int(r, 0, 4)}`}\n    command:\n    - ${binary}\n`;
  for (const f of flags) out += `    - ${f}\n`;
  out += `    volumeMounts:\n    - mountPath: /etc/kubernetes/pki\n      name: k8s-certs\n      readOnly: true\n  volumes:\n  - hostPath:\n      path: /etc/kubernetes/pki\n      type: DirectoryOrCreate\n    name: k8s-certs\n`;
  return out;
}

function eck(r: Rand, insecure: boolean): string {
  const kind = pick(r, ['Elasticsearch', 'Kibana']);
  const group = kind === 'Elasticsearch' ? 'elasticsearch' : 'kibana';
  let out = `apiVersion: ${group}.k8s.elastic.co/v1\nkind: ${kind}\nmetadata:\n  name: ${name(r)}\nspec:\n  version: 8.15.${int(r, 0, 3)}\n`;
  if (kind === 'Kibana') out += '  count: 1\n  elasticsearchRef:\n    name: quickstart\n';
  else out += '  nodeSets:\n  - name: default\n    count: 3\n    config:\n      node.store.allow_mmap: false\n';
  out += '  http:\n    tls:\n      selfSignedCertificate:\n';
  out += insecure ? '        disabled: true\n' : '        subjectAltNames:\n        - dns: es.example.com\n';
  return out;
}

/** One realistic document; about 2% control-plane pods and 2% ECK resources, some insecure. */
export function manifest(r: Rand): string {
  const x = r();
  if (x < 0.02) return staticPod(r, r() < 0.5);
  if (x < 0.04) return eck(r, r() < 0.5);
  if (x < 0.5) return deployment(r);
  if (x < 0.75) return service(r);
  return configMap(r);
}

function lineCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** A multi-document manifest of at least `lines` lines. */
export function multiDocument(seed: number, lines: number): string {
  const r = rng(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < lines) {
    const doc = (parts.length ? '---\n' : '') + manifest(r);
    parts.push(doc);
    n += lineCount(doc);
  }
  return parts.join('');
}

/** A multi-document manifest just under `bytes` bytes (ASCII, so bytes = characters). */
export function sizedDocument(seed: number, bytes: number): string {
  const r = rng(seed);
  const parts: string[] = [];
  let size = 0;
  for (;;) {
    const doc = (parts.length ? '---\n' : '') + manifest(r);
    if (size + doc.length > bytes) break;
    parts.push(doc);
    size += doc.length;
  }
  return parts.join('');
}

/**
 * Insecure control-plane pods and ECK resources (with some clean filler) until `count` says the
 * text has `findings` findings: ECK resources (one finding each) top it up exactly.
 */
export function findingsDocument(seed: number, findings: number, count: (text: string) => number): string {
  const r = rng(seed);
  const parts: string[] = [];
  const join = () => parts.map((p, i) => (i ? '---\n' : '') + p).join('');
  let total = 0;
  while (total < findings) {
    let doc = '';
    let n = 0;
    for (let attempt = 0; n === 0 || n > findings - total; attempt++) {
      if (attempt > 1000) throw new Error('findings document: no resource fits; have the rules changed?');
      doc = total < findings * 0.8 ? staticPod(r, true) : eck(r, true);
      n = count(doc);
    }
    parts.push(doc);
    total += n;
    if (r() < 0.3) parts.push(configMap(r));
  }
  const text = join();
  if (count(text) !== findings) throw new Error(`findings document: ${count(text)} findings, not ${findings}`);
  return text;
}

export interface WorkspaceInfo {
  root: string;
  files: number;
  bytes: number;
}

const WORKSPACE_VERSION = 1;

/**
 * Writes `files` manifests (1–3 documents each) under `root` in 100-file folders; reuses an
 * existing workspace built with the same parameters.
 */
export async function workspace(root: string, seed: number, files: number): Promise<WorkspaceInfo> {
  const stamp = path.join(root, '.stamp.json');
  try {
    const have = JSON.parse(await fs.readFile(stamp, 'utf8')) as { version: number; seed: number; files: number; bytes: number };
    if (have.version === WORKSPACE_VERSION && have.seed === seed && have.files === files) return { root, files, bytes: have.bytes };
  } catch {
    // Not built yet.
  }
  await fs.rm(root, { recursive: true, force: true });
  const r = rng(seed);
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, `team-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) await fs.mkdir(dir, { recursive: true });
    const docs: string[] = [];
    for (let d = 0, n = r() < 0.6 ? 1 : int(r, 2, 3); d < n; d++) docs.push(manifest(r));
    const text = docs.join('---\n');
    bytes += text.length;
    await fs.writeFile(path.join(dir, `${String(i).padStart(5, '0')}-${pick(r, WORDS)}.yaml`), text);
  }
  await fs.writeFile(stamp, JSON.stringify({ version: WORKSPACE_VERSION, seed, files, bytes }));
  return { root, files, bytes };
}

/** A ConfigMap followed by `count` template openers that are never closed (`{{ {{ {{ …`). */
export function unclosedTemplates(count: number): string {
  return 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: openers\ndata:\n  text: ' + '{{ '.repeat(count) + '\n';
}

/**
 * One Pod with `count` kube-apiserver containers, each serving plain HTTP on the insecure
 * port without any TLS file: eight findings per container (about 75 bytes each).
 */
export function manyContainers(count: number): string {
  const parts = ['apiVersion: v1\nkind: Pod\nmetadata:\n  name: control-plane\nspec:\n  containers:\n'];
  for (let i = 0; i < count; i++) parts.push(`  - name: api-srv-${i}\n    command: [kube-apiserver, --insecure-port=8080]\n`);
  return parts.join('');
}

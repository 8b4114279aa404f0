/** Fixture builders for control-plane rules: the same flags written in each place they can live. */
import { InvalidCase, pod, ValidCase } from './rule-tester';

/** A static pod whose block `command` runs `binary` with `flags`, one item per line. */
export function blockCommand(binary: string, flags: readonly string[]): string {
  return pod(`    command:\n    - ${binary}\n${flags.map((f) => `    - ${f}\n`).join('')}`);
}

/** The same as a flow sequence: `command: [binary, flag, …]`. */
export function flowCommand(binary: string, flags: readonly string[]): string {
  return pod(`    command: [${[binary, ...flags].join(', ')}]\n`);
}

/** A container with only `args`, the image's entrypoint running the binary. */
export function argsOnly(binary: string, flags: readonly string[]): string {
  return pod(`    image: registry.k8s.io/${binary}:v1.31.0\n    args:\n${flags.map((f) => `    - ${f}\n`).join('')}`);
}

/** `sh -c` running the binary with the flags on one line. */
export function shellScript(binary: string, flags: readonly string[]): string {
  return pod(`    command: ["/bin/sh", "-c"]\n    args:\n    - exec /usr/local/bin/${[binary, ...flags].join(' ')}\n`);
}

/** A hyperkube container: `/hyperkube <subcommand> flags…`. */
export function hyperkube(subcommand: string, flags: readonly string[]): string {
  return pod(`    command:\n    - /hyperkube\n    - ${subcommand}\n${flags.map((f) => `    - ${f}\n`).join('')}`);
}

const HEADER = (version: string) => `apiVersion: kubeadm.k8s.io/${version}\nkind: ClusterConfiguration\n`;

/** kubeadm v1beta3 map form: `section` is e.g. `apiServer` or `etcd.local`, args are `name: value` lines. */
export function kubeadmMap(section: string, args: readonly string[], version = 'v1beta3'): string {
  const path = section.split('.');
  const indent = (n: number) => '  '.repeat(n);
  const head = path.map((key, i) => `${indent(i)}${key}:\n`).join('');
  const depth = path.length;
  return `${HEADER(version)}${head}${indent(depth)}extraArgs:\n${args.map((a) => `${indent(depth + 1)}${a}\n`).join('')}`;
}

/** kubeadm v1beta4 list form: args are `[name, value]` pairs, written `- name: …` / `  value: …`. */
export function kubeadmList(section: string, args: ReadonlyArray<readonly [string, string]>, version = 'v1beta4'): string {
  const path = section.split('.');
  const indent = (n: number) => '  '.repeat(n);
  const head = path.map((key, i) => `${indent(i)}${key}:\n`).join('');
  const depth = path.length;
  const items = args.map(([name, value]) => `${indent(depth)}- name: ${name}\n${indent(depth)}  value: ${value}\n`).join('');
  return `${HEADER(version)}${head}${indent(depth)}extraArgs:\n${items}`;
}

/**
 * The cases every "missing flag" rule shares: `required` are the flags (`--name=value`) that
 * satisfy the rule; `inserted` the exact words its fix appends, in order.
 */
export function missingFlagCases(binary: string, hyperkubeName: string, required: readonly string[], inserted: readonly string[], severity: string) {
  const other = '--v=2';
  const names = required.map((f) => f.slice(0, f.indexOf('=')));
  const valid: ValidCase[] = [
    { name: 'block command with the flags', code: blockCommand(binary, [other, ...required]) },
    { name: 'flow command with the flags', code: flowCommand(binary, [...required, other]) },
    { name: 'split form', code: blockCommand(binary, required.flatMap((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)])) },
    { name: 'args only', code: argsOnly(binary, [...required]) },
    { name: 'sh -c', code: shellScript(binary, [...required]) },
    { name: 'hyperkube', code: hyperkube(hyperkubeName, [...required]) },
    { name: 'last occurrence wins (empty first)', code: blockCommand(binary, [...names.map((n) => `${n}=`), ...required]) },
    { name: 'templated value counts as set', code: blockCommand(binary, names.map((n) => `${n}={{ .Values.file }}`)) },
    { name: 'Helm: flags from a template', code: pod(`    command:\n    - ${binary}\n    {{- range .Values.flags }}\n    - {{ . }}\n    {{- end }}\n`) },
    { name: '--version only prints', code: flowCommand(binary, ['--version']) },
    { name: '--help only prints', code: blockCommand(binary, ['-h']) },
    { name: 'another binary', code: blockCommand(binary === 'kube-apiserver' ? 'kube-scheduler' : 'kube-apiserver', [other]) },
    { name: 'kubeadm v1beta3 (kubeadm adds the flags itself)', code: kubeadmMap(kubeadmSection(binary), ['v: "2"']) },
    { name: 'kubeadm v1beta4 (kubeadm adds the flags itself)', code: kubeadmList(kubeadmSection(binary), [['v', '"2"']]) },
    { name: 'kubeadm without extraArgs', code: kubeadmMap(kubeadmSection(binary), []).replace(/extraArgs:\n$/, 'timeoutForControlPlane: 4m0s\n') },
  ];
  const invalid: InvalidCase[] = [
    {
      name: 'block command: appended',
      code: blockCommand(binary, [other]),
      errors: [{ text: binary, line: 10, severity }],
      output: blockCommand(binary, [other, ...inserted]),
    },
    { name: 'flow command: appended', code: flowCommand(binary, [other]), errors: [{ text: binary }], output: flowCommand(binary, [other, ...inserted]) },
    { name: 'args only: appended to args', code: argsOnly(binary, [other]), errors: [{ text: `registry.k8s.io/${binary}:v1.31.0` }], output: argsOnly(binary, [other, ...inserted]) },
    { name: 'sh -c: appended to the script', code: shellScript(binary, [other]), errors: [{ text: `exec /usr/local/bin/${binary} ${other}` }], output: shellScript(binary, [other, ...inserted]) },
    { name: 'hyperkube: appended', code: hyperkube(hyperkubeName, [other]), errors: [{ text: '/hyperkube' }], output: hyperkube(hyperkubeName, [other, ...inserted]) },
    {
      name: 'empty values are set in place, last occurrence wins',
      code: blockCommand(binary, [...required, other, ...names.map((n) => `${n}=`)]),
      errors: [{ text: binary }],
      output: blockCommand(binary, [...required, other, ...inserted]),
    },
  ];
  return { valid, invalid };
}

function kubeadmSection(binary: string): string {
  return { 'kube-apiserver': 'apiServer', 'kube-controller-manager': 'controllerManager', 'kube-scheduler': 'scheduler', etcd: 'etcd.local' }[binary] ?? 'apiServer';
}

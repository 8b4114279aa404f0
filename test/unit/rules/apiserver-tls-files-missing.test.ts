import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { fixAll, lint } from '../../../shared/engine';
import { maskTemplates } from '../../../shared/model/template';
import { pod, runRuleTests, withRules } from '../../helpers/rule-tester';

const CERT = '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt';
const KEY = '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key';

/** A workload of `kind` whose pod template holds `containers` (already indented for `spec.template.spec`). */
const workload = (kind: string, apiVersion = 'apps/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\nspec:\n  template:\n    spec:\n      containers:\n      - name: api\n        command: [kube-apiserver, --v=2]\n`;
const workloadFixed = (kind: string, apiVersion = 'apps/v1') => workload(kind, apiVersion).replace('--v=2]', `--v=2, ${CERT}, ${KEY}]`);

runRuleTests('apiserver-tls-files-missing', {
  valid: [
    { name: 'both flags set', code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n') },
    { name: 'split form --flag value', code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file\n    - /c.crt\n    - --tls-private-key-file\n    - /c.key\n') },
    { name: 'quoted scalars in a flow sequence', code: pod('    command: ["kube-apiserver", "--tls-cert-file=/c.crt", \'--tls-private-key-file=/c.key\']\n') },
    { name: 'flags spread over command and args', code: pod('    command: [kube-apiserver, --tls-cert-file=/c.crt]\n    args:\n    - --tls-private-key-file=/c.key\n') },
    { name: 'split form across command and args', code: pod('    command: [kube-apiserver, --tls-cert-file]\n    args: [/c.crt, --tls-private-key-file=/c.key]\n') },
    { name: 'last occurrence wins (empty first, set last)', code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file=\n    - --tls-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n') },
    { name: 'comments between items', code: pod('    command:\n    - kube-apiserver\n    # the serving certificate\n    - --tls-cert-file=/c.crt # pem\n\n    - --tls-private-key-file=/c.key\n') },
    { name: 'image-only container without args is not judged (by design)', code: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n') },
    { name: 'image-only container with empty args', code: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args: []\n') },
    { name: 'another binary', code: pod('    command: [kube-scheduler, --v=2]\n') },
    { name: 'binary name must match exactly', code: pod('    command: [kube-apiserver-proxy, --v=2]\n') },
    { name: '"apiserver" alone is not kube-apiserver (only as a hyperkube subcommand)', code: pod('    command: [apiserver, --v=2]\n') },
    { name: 'sh -c script that only mentions the binary', code: pod('    command: [sh, -c, "echo kube-apiserver --v=2"]\n') },
    { name: 'shell without -c runs a file', code: pod('    command: [sh, /start-kube-apiserver.sh]\n') },
    { name: 'image names another program', code: pod('    image: registry.k8s.io/kube-apiserver-proxy:v1\n    args: [--v=2]\n') },
    { name: 'kind without pod spec', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  command: kube-apiserver\n' },
    { name: 'Helm: range in the command', code: pod('    command:\n    - kube-apiserver\n    {{- range .Values.flags }}\n    - {{ . }}\n    {{- end }}\n') },
    { name: 'Helm: include after the last item', code: pod('    command:\n    - kube-apiserver\n    {{- include "apiserver.flags" . | nindent 4 }}\n    image: x\n') },
    { name: 'Helm: include at the end of the container', code: pod('    command: [kube-apiserver]\n    {{- include "apiserver.args" . | nindent 4 }}\n') },
    { name: 'Helm: args from toYaml', code: pod('    command: [kube-apiserver]\n    args:\n    {{- toYaml .Values.args | nindent 4 }}\n') },
    { name: 'Helm: args from an inline action', code: pod('    command: [kube-apiserver]\n    args: {{ toJson .Values.args }}\n') },
    { name: 'Helm: args inside a with block', code: pod('    command: [kube-apiserver]\n    {{- with .Values.args }}\n    args:\n    {{- toYaml . | nindent 4 }}\n    {{- end }}\n') },
    { name: 'Helm: templated flag value', code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file={{ .Values.cert }}\n') },
    { name: 'Helm: templated script', code: pod('    command: [sh, -c, "exec kube-apiserver {{ .Values.flags }}"]\n') },
    { name: 'GitHub workflow', code: 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n    - run: kube-apiserver --secure-port=0\n' },
    { name: 'docker-compose', code: 'services:\n  api:\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n    command: ["kube-apiserver", "--secure-port=0"]\n' },
    { name: 'disabled by annotation', code: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    kube-tls-lint.io/disable: apiserver-tls-files-missing\nspec:\n  containers:\n  - name: c\n    command: [kube-apiserver]\n' },
    { name: 'rule off', code: pod('    command: [kube-apiserver]\n'), options: withRules({ 'apiserver-tls-files-missing': 'off' }) },
  ],
  invalid: [
    {
      name: 'block sequence: both flags appended with the same indentation',
      code: pod('    command:\n    - kube-apiserver\n    - --v=2\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n'),
      errors: [{ text: 'kube-apiserver', line: 10, data: { binary: 'kube-apiserver', flags: '--tls-cert-file and --tls-private-key-file' }, severity: 'warning' }],
      output: pod(`    command:\n    - kube-apiserver\n    - --v=2\n    - ${CERT}\n    - ${KEY}\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n`),
    },
    {
      name: 'indented block sequence, binary alone',
      code: pod('    command:\n      - /usr/local/bin/kube-apiserver\n'),
      errors: [{ text: '/usr/local/bin/kube-apiserver' }],
      output: pod(`    command:\n      - /usr/local/bin/kube-apiserver\n      - ${CERT}\n      - ${KEY}\n`),
    },
    {
      name: 'flags live in args: inserted there',
      code: pod('    command: [kube-apiserver]\n    args:\n    - --v=2\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command: [kube-apiserver]\n    args:\n    - --v=2\n    - ${CERT}\n    - ${KEY}\n`),
    },
    {
      name: 'empty args: inserted into the command',
      code: pod('    command: ["kube-apiserver"]\n    args: []\n'),
      errors: [{ text: '"kube-apiserver"' }],
      output: pod(`    command: ["kube-apiserver", "${CERT}", "${KEY}"]\n    args: []\n`),
    },
    {
      name: 'flow sequence, plain items',
      code: pod('    command: [kube-apiserver, --v=2]\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command: [kube-apiserver, --v=2, ${CERT}, ${KEY}]\n`),
    },
    {
      name: 'flow sequence over several lines keeps its layout',
      code: pod('    command: [\n      "kube-apiserver",\n      "--v=2"\n    ]\n'),
      errors: [{ text: '"kube-apiserver"' }],
      output: pod(`    command: [\n      "kube-apiserver",\n      "--v=2",\n      "${CERT}",\n      "${KEY}"\n    ]\n`),
    },
    {
      name: 'single-quoted block items',
      code: pod("    command:\n    - 'kube-apiserver'\n    - '--v=2'\n"),
      errors: [{ text: "'kube-apiserver'" }],
      output: pod(`    command:\n    - 'kube-apiserver'\n    - '--v=2'\n    - '${CERT}'\n    - '${KEY}'\n`),
    },
    {
      name: 'comments: inserted after the last item and its comment, before following comment lines',
      code: pod('    command:\n    - kube-apiserver\n    # verbosity\n    - --v=2 # debug\n    # end of flags\n    image: x\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command:\n    - kube-apiserver\n    # verbosity\n    - --v=2 # debug\n    - ${CERT}\n    - ${KEY}\n    # end of flags\n    image: x\n`),
    },
    {
      name: 'CRLF line endings are kept',
      code: pod('    command:\n    - kube-apiserver\n    - --v=2\n').replace(/\n/g, '\r\n'),
      errors: [{ text: 'kube-apiserver', line: 10 }],
      output: pod(`    command:\n    - kube-apiserver\n    - --v=2\n    - ${CERT}\n    - ${KEY}\n`).replace(/\n/g, '\r\n'),
    },
    {
      name: 'file without a trailing newline',
      code: pod('    command:\n    - kube-apiserver\n    - --v=2'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command:\n    - kube-apiserver\n    - --v=2\n    - ${CERT}\n    - ${KEY}`),
    },
    {
      name: 'byte order mark',
      code: '\uFEFF' + pod('    command: [kube-apiserver]\n'),
      errors: [{ text: 'kube-apiserver', line: 9 }],
      output: '\uFEFF' + pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n`),
    },
    {
      name: 'tabs after values and before comments',
      code: pod('    command:\t\n    - kube-apiserver\t# binary\n    - --v=2\t\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command:\t\n    - kube-apiserver\t# binary\n    - --v=2\t\n    - ${CERT}\n    - ${KEY}\n`),
    },
    {
      name: 'only the key is missing: the message names it alone',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file=/c.crt\n'),
      errors: [{ text: 'kube-apiserver', messageId: 'missing', data: { binary: 'kube-apiserver', flags: '--tls-private-key-file' } }],
      output: pod(`    command:\n    - kube-apiserver\n    - --tls-cert-file=/c.crt\n    - ${KEY}\n`),
    },
    {
      name: 'look-alike flags do not count',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file-x=/c.crt\n    - --peer-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n'),
      errors: [{ text: 'kube-apiserver', messageId: 'missing' }],
      output: pod(`    command:\n    - kube-apiserver\n    - --tls-cert-file-x=/c.crt\n    - --peer-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n    - ${CERT}\n`),
    },
    {
      name: 'empty values (--flag= and --flag="") are set in place',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file=\n    - --tls-private-key-file=""\n    - --v=2\n'),
      errors: [{ text: 'kube-apiserver', data: { binary: 'kube-apiserver', flags: '--tls-cert-file and --tls-private-key-file' } }],
      output: pod(`    command:\n    - kube-apiserver\n    - ${CERT}\n    - ${KEY}\n    - --v=2\n`),
    },
    {
      name: 'quoted item with an empty value keeps its quotes',
      code: pod('    command:\n    - kube-apiserver\n    - "--tls-cert-file="\n    - --tls-private-key-file=/c.key\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command:\n    - kube-apiserver\n    - "${CERT}"\n    - --tls-private-key-file=/c.key\n`),
    },
    {
      name: 'last occurrence wins: an empty last value counts as missing',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n    - --tls-cert-file=\n'),
      errors: [{ text: 'kube-apiserver', messageId: 'missing' }],
      output: pod(`    command:\n    - kube-apiserver\n    - --tls-cert-file=/c.crt\n    - --tls-private-key-file=/c.key\n    - ${CERT}\n`),
    },
    {
      name: 'split form with an empty value element',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file\n    - ""\n    - --tls-private-key-file=/c.key\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod('    command:\n    - kube-apiserver\n    - --tls-cert-file\n    - "/etc/kubernetes/pki/apiserver.crt"\n    - --tls-private-key-file=/c.key\n'),
    },
    {
      name: 'bare flag as the last word',
      code: pod('    command:\n    - kube-apiserver\n    - --tls-private-key-file=/c.key\n    - --tls-cert-file\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command:\n    - kube-apiserver\n    - --tls-private-key-file=/c.key\n    - ${CERT}\n`),
    },
    {
      name: 'hyperkube kube-apiserver',
      code: pod('    command:\n    - /hyperkube\n    - kube-apiserver\n    - --v=2\n'),
      errors: [{ text: '/hyperkube' }],
      output: pod(`    command:\n    - /hyperkube\n    - kube-apiserver\n    - --v=2\n    - ${CERT}\n    - ${KEY}\n`),
    },
    {
      name: 'hyperkube apiserver',
      code: pod('    command: [hyperkube, apiserver]\n'),
      errors: [{ text: 'hyperkube' }],
      output: pod(`    command: [hyperkube, apiserver, ${CERT}, ${KEY}]\n`),
    },
    {
      name: 'args-only container: the image runs kube-apiserver',
      code: pod('    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args:\n    - --v=2\n'),
      errors: [{ text: 'registry.k8s.io/kube-apiserver:v1.31.0', line: 9 }],
      output: pod(`    image: registry.k8s.io/kube-apiserver:v1.31.0\n    args:\n    - --v=2\n    - ${CERT}\n    - ${KEY}\n`),
    },
    {
      name: 'args-only container with an -amd64 image',
      code: pod('    image: "gcr.io/google_containers/kube-apiserver-amd64:v1.6.0"\n    args: ["--v=2"]\n'),
      errors: [{ text: '"gcr.io/google_containers/kube-apiserver-amd64:v1.6.0"' }],
      output: pod(`    image: "gcr.io/google_containers/kube-apiserver-amd64:v1.6.0"\n    args: ["--v=2", "${CERT}", "${KEY}"]\n`),
    },
    {
      name: 'sh -c script in a flow command',
      code: pod('    command: ["/bin/sh", "-c", "exec kube-apiserver --v=2"]\n'),
      errors: [{ text: '"exec kube-apiserver --v=2"' }],
      output: pod(`    command: ["/bin/sh", "-c", "exec kube-apiserver --v=2 ${CERT} ${KEY}"]\n`),
    },
    {
      name: '/bin/sh -ec script without flags: inserted after the binary',
      code: pod("    command: ['/bin/sh', '-ec', 'exec /usr/local/bin/kube-apiserver']\n"),
      errors: [{ text: "'exec /usr/local/bin/kube-apiserver'" }],
      output: pod(`    command: ['/bin/sh', '-ec', 'exec /usr/local/bin/kube-apiserver ${CERT} ${KEY}']\n`),
    },
    {
      name: 'bash -c block scalar with continuation lines',
      code: pod('    command:\n    - bash\n    - -c\n    - |\n      set -e\n      exec /usr/local/bin/kube-apiserver \\\n        --v=2 # verbose\n      echo never\n'),
      errors: [{ text: '|\n      set -e\n      exec /usr/local/bin/kube-apiserver \\\n        --v=2 # verbose\n      echo never\n', line: 12 }],
      output: pod(`    command:\n    - bash\n    - -c\n    - |\n      set -e\n      exec /usr/local/bin/kube-apiserver \\\n        --v=2 ${CERT} ${KEY} # verbose\n      echo never\n`),
    },
    {
      name: 'script: an earlier command that mentions the binary is not edited',
      code: pod('    command: [sh, -c]\n    args:\n    - |\n      echo starting kube-apiserver now\n      exec kube-apiserver\n'),
      errors: [{ text: '|\n      echo starting kube-apiserver now\n      exec kube-apiserver\n' }],
      output: pod(`    command: [sh, -c]\n    args:\n    - |\n      echo starting kube-apiserver now\n      exec kube-apiserver ${CERT} ${KEY}\n`),
    },
    {
      name: 'script: flags go before output redirections',
      code: pod('    command: ["/bin/sh", "-c", "/usr/local/bin/kube-apiserver --v=2 1>>/var/log/kube-apiserver.log 2>&1"]\n'),
      errors: [{ text: '"/usr/local/bin/kube-apiserver --v=2 1>>/var/log/kube-apiserver.log 2>&1"' }],
      output: pod(`    command: ["/bin/sh", "-c", "/usr/local/bin/kube-apiserver --v=2 ${CERT} ${KEY} 1>>/var/log/kube-apiserver.log 2>&1"]\n`),
    },
    {
      name: 'script with YAML escapes around the last flag: no fix',
      code: pod('    command: [sh, -c, "exec kube-apiserver --v=\\"2\\""]\n'),
      errors: [{ text: '"exec kube-apiserver --v=\\"2\\""' }],
      output: null,
    },
    {
      name: 'flags after "--" are not flags: no fix (it would be ignored too)',
      code: pod('    command: [kube-apiserver, --, --tls-cert-file=/c.crt, --tls-private-key-file=/c.key]\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: null,
    },
    {
      name: 'configured fix paths',
      code: pod('    command: [kube-apiserver]\n'),
      options: withRules({}, { tlsCertFile: '/pki/server.crt', tlsPrivateKeyFile: '/pki/server.key' }),
      // The user's own paths: fix-all applies them.
      unsafe: false,
      errors: [{ text: 'kube-apiserver' }],
      output: pod('    command: [kube-apiserver, --tls-cert-file=/pki/server.crt, --tls-private-key-file=/pki/server.key]\n'),
    },
    {
      name: 'severity override',
      code: pod('    command: [kube-apiserver]\n'),
      options: withRules({ 'apiserver-tls-files-missing': 'error' }),
      errors: [{ text: 'kube-apiserver', severity: 'error' }],
      output: pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n`),
    },
    {
      name: 'Helm: a templated image does not hide an explicit command line',
      code: pod('    image: "{{ .Values.image }}"\n    command:\n    - kube-apiserver\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    image: "{{ .Values.image }}"\n    command:\n    - kube-apiserver\n    - ${CERT}\n    - ${KEY}\n`),
    },
    {
      name: 'Helm: an action closing a block at the container list level',
      code: pod('    command: [kube-apiserver]\n  {{- end }}\n'),
      errors: [{ text: 'kube-apiserver' }],
      output: pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n  {{- end }}\n`),
    },
    {
      name: 'initContainers and ephemeralContainers',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: i\n    command: [kube-apiserver]\n  containers:\n  - name: c\n    image: nginx\n  ephemeralContainers:\n  - name: e\n    command: [kube-apiserver]\n',
      errors: [{ text: 'kube-apiserver', line: 7 }, { text: 'kube-apiserver', line: 13 }],
      output: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: i\n    command: [kube-apiserver, ${CERT}, ${KEY}]\n  containers:\n  - name: c\n    image: nginx\n  ephemeralContainers:\n  - name: e\n    command: [kube-apiserver, ${CERT}, ${KEY}]\n`,
    },
    ...(
      [
        ['Deployment', 'apps/v1'],
        ['StatefulSet', 'apps/v1'],
        ['DaemonSet', 'apps/v1'],
        ['ReplicaSet', 'apps/v1'],
        ['ReplicationController', 'v1'],
        ['Job', 'batch/v1'],
      ] as const
    ).map(([kind, apiVersion]) => ({
      name: `${kind} pod template`,
      code: workload(kind, apiVersion),
      errors: [{ text: 'kube-apiserver', line: 10 }],
      output: workloadFixed(kind, apiVersion),
    })),
    {
      name: 'PodTemplate',
      code: 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers:\n    - name: c\n      command: [kube-apiserver]\n',
      errors: [{ text: 'kube-apiserver', line: 8 }],
      output: `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: t}\ntemplate:\n  spec:\n    containers:\n    - name: c\n      command: [kube-apiserver, ${CERT}, ${KEY}]\n`,
    },
    {
      name: 'CronJob (spec.jobTemplate.spec.template.spec)',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@hourly"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            command:\n            - kube-apiserver\n',
      errors: [{ text: 'kube-apiserver', line: 13 }],
      output: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@hourly"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            command:\n            - kube-apiserver\n            - ${CERT}\n            - ${KEY}\n`,
    },
    {
      name: 'kind: List items',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers:\n    - name: a\n      command: [kube-apiserver]\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec:\n    template:\n      spec:\n        containers:\n        - name: b\n          command: [kube-scheduler]\n',
      errors: [{ text: 'kube-apiserver', line: 10 }],
      output: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n  spec:\n    containers:\n    - name: a\n      command: [kube-apiserver, ${CERT}, ${KEY}]\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: b}\n  spec:\n    template:\n      spec:\n        containers:\n        - name: b\n          command: [kube-scheduler]\n`,
    },
    {
      name: 'multi-document: the broken middle document is skipped, the others are checked',
      code: `${pod('    command: [kube-apiserver]\n')}---\napiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n---\n${pod('    command: [kube-apiserver]\n')}`,
      errors: [{ text: 'kube-apiserver', line: 9 }, { text: 'kube-apiserver', line: 24 }],
      // The broken document stays as it was.
      output: `${pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n`)}---\napiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n---\n${pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n`)}`,
    },
    {
      name: 'a command shared through an anchor is reported once and fixed once',
      code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    command: &cmd\n    - kube-apiserver\n  - name: b\n    command: *cmd\n',
      errors: [{ text: 'kube-apiserver', line: 8 }],
      output: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    command: &cmd\n    - kube-apiserver\n    - ${CERT}\n    - ${KEY}\n  - name: b\n    command: *cmd\n`,
    },
  ],
}, { unsafe: true });

describe('apiserver-tls-files-missing: fixes around text that is not plain YAML', () => {
  const only = new Set(['apiserver-tls-files-missing']);

  it('Helm template: inserts into the command and leaves the actions alone', () => {
    const code = pod('    command: [kube-apiserver]\n  {{- end }}\n');
    const fixed = fixAll(code, { unsafeFixes: true }, only).text;
    assert.equal(fixed, pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n  {{- end }}\n`));
    assert.deepEqual(parseAllDocuments(maskTemplates(fixed).text).flatMap((d) => d.errors), []);
    assert.deepEqual(lint(fixed).findings.filter((f) => only.has(f.ruleId)), []);
  });

  it('multi-document: fixes the good documents, the broken one stays as it was and is reported once', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n';
    const code = `${pod('    command: [kube-apiserver]\n')}---\n${broken}---\n${pod('    command: [kube-apiserver]\n')}`;
    const fixed = fixAll(code, { unsafeFixes: true }, only).text;
    const good = pod(`    command: [kube-apiserver, ${CERT}, ${KEY}]\n`);
    assert.equal(fixed, `${good}---\n${broken}---\n${good}`);
    const docs = parseAllDocuments(fixed);
    assert.deepEqual([docs[0].errors.length, docs[2].errors.length], [0, 0]);
    assert.deepEqual(lint(fixed).findings.map((f) => f.ruleId).filter((id) => id === 'yaml-syntax' || only.has(id)), ['yaml-syntax']);
  });
});

describe('apiserver-tls-files-missing: fix edits', () => {
  it('the fix is one insertion after the last flag; every other byte is kept', () => {
    const code = pod('    command:\n    - kube-apiserver # bin\n    - --v=2\n    image: x\n');
    const finding = lint(code).findings.find((f) => f.ruleId === 'apiserver-tls-files-missing')!;
    const edits = finding.fixes[0].edits;
    assert.equal(edits.length, 1);
    const at = code.indexOf('--v=2') + '--v=2'.length;
    // Marked as an append to the command list (two items), which other appends can join.
    const entries = { collection: code.indexOf('- kube-apiserver'), count: 2, removed: 0, appends: true };
    assert.deepEqual(edits[0], { start: at, end: at, newText: `\n    - ${CERT}\n    - ${KEY}`, entries });
  });
});

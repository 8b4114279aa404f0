import { runRuleTests, withRules } from '../../helpers/rule-tester';

/** An ECK resource; `spec` is the body under `spec:` (indented by 2), after `version`. */
const eck = (spec: string, kind = 'Elasticsearch', apiVersion = 'elasticsearch.k8s.elastic.co/v1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: quickstart\nspec:\n  version: 8.16.1\n${spec}`;
const DISABLED = '  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n';
const NODESETS = '  nodeSets:\n  - name: default\n    count: 1\n';

// The seed's Kibana "Disable TLS" example, verbatim.
const seedKibana = (http: string) => `apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata:
  name: kibana-sample
spec:
  version: 8.16.1
  count: 1
  elasticsearchRef:
    name: "elasticsearch-sample"
${http}`;

const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['Elasticsearch', 'elasticsearch.k8s.elastic.co/v1'],
  ['Kibana', 'kibana.k8s.elastic.co/v1'],
  ['ApmServer', 'apm.k8s.elastic.co/v1'],
  ['EnterpriseSearch', 'enterprisesearch.k8s.elastic.co/v1'],
  ['Agent', 'agent.k8s.elastic.co/v1alpha1'],
  ['ElasticMapsServer', 'maps.k8s.elastic.co/v1alpha1'],
  ['PackageRegistry', 'packageregistry.k8s.elastic.co/v1alpha1'],
];

runRuleTests('eck-http-tls-disabled', {
  valid: [
    { name: 'seed: own certificate (certificate.secretName)', code: eck('  http:\n    tls:\n      certificate:\n        secretName: my-cert\n      selfSignedCertificate:\n        disabled: true\n') },
    { name: 'seed: custom SANs on the self-signed certificate', code: seedKibana('  http:\n    service:\n      spec:\n        type: LoadBalancer # default is ClusterIP\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - ip: 1.2.3.4\n        - dns: kibana.example.com\n') },
    { name: 'transport selfSignedCertificates.disabled does not turn TLS off', code: eck('  transport:\n    tls:\n      selfSignedCertificates:\n        disabled: true\n') },
    { name: 'disabled: false', code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: false\n') },
    { name: 'disabled: "true" is a string, not a boolean', code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: "true"\n') },
    { name: "disabled: 'yes' is a string", code: eck("  http:\n    tls:\n      selfSignedCertificate:\n        disabled: 'yes'\n") },
    { name: 'not under spec.http.tls', code: eck('  http:\n    selfSignedCertificate:\n      disabled: true\n') },
    { name: 'plural key under http', code: eck('  http:\n    tls:\n      selfSignedCertificates:\n        disabled: true\n') },
    { name: 'group is not *.k8s.elastic.co', code: eck(DISABLED, 'Elasticsearch', 'elasticsearch.example.com/v1') },
    { name: 'ECK kind without an HTTP endpoint of its own', code: eck(DISABLED, 'Beat', 'beat.k8s.elastic.co/v1beta1') },
    { name: 'Helm: templated value', code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: {{ .Values.tlsDisabled }}\n') },
    { name: 'secretName from a template', code: eck('  http:\n    tls:\n      certificate:\n        secretName: {{ .Values.cert }}\n      selfSignedCertificate:\n        disabled: true\n') },
    { name: 'rule off', code: eck(DISABLED), options: withRules({ 'eck-http-tls-disabled': 'off' }) },
    { name: 'suppressed on the line', code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true # kube-tls-lint-disable-line eck-http-tls-disabled -- test cluster\n') },
  ],
  invalid: [
    {
      name: 'seed: Kibana with TLS disabled, all emptied parents removed',
      code: seedKibana('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n'),
      errors: [{ text: 'disabled: true', line: 13, severity: 'warning', messageId: 'httpTlsOff', data: { kind: 'Kibana' } }],
      output: seedKibana(''),
    },
    ...KINDS.map(([kind, apiVersion]) => ({
      name: `${kind} (${apiVersion})`,
      code: eck(DISABLED + NODESETS, kind, apiVersion),
      errors: [{ text: 'disabled: true', line: 10, data: { kind } }],
      output: eck(NODESETS, kind, apiVersion),
    })),
    {
      name: 'selfSignedCertificate kept when subjectAltNames follows',
      code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n        subjectAltNames:\n        - dns: es.example.com\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - dns: es.example.com\n'),
    },
    {
      name: 'selfSignedCertificate kept when subjectAltNames comes first',
      code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - ip: 160.46.176.15\n        disabled: true\n'),
      errors: [{ text: 'disabled: true', line: 12 }],
      output: eck('  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames:\n        - ip: 160.46.176.15\n'),
    },
    {
      name: 'tls kept when certificate has no secretName',
      code: eck('  http:\n    tls:\n      certificate: {}\n      selfSignedCertificate:\n        disabled: true\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http:\n    tls:\n      certificate: {}\n'),
    },
    {
      name: 'empty secretName does not count',
      code: eck('  http:\n    tls:\n      certificate:\n        secretName: ""\n      selfSignedCertificate:\n        disabled: true\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http:\n    tls:\n      certificate:\n        secretName: ""\n'),
    },
    {
      name: 'http kept when service is beside tls',
      code: eck('  http:\n    service:\n      spec:\n        type: LoadBalancer\n    tls:\n      selfSignedCertificate:\n        disabled: true\n' + NODESETS),
      errors: [{ text: 'disabled: true', line: 13 }],
      output: eck('  http:\n    service:\n      spec:\n        type: LoadBalancer\n' + NODESETS),
    },
    {
      name: 'flow map: the whole http pair goes',
      code: eck('  http: {tls: {selfSignedCertificate: {disabled: true}}}\n' + NODESETS),
      errors: [{ text: 'disabled: true', line: 7 }],
      output: eck(NODESETS),
    },
    {
      name: 'http is the only key of spec: spec becomes {} (never null)',
      code: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
      errors: [{ text: 'disabled: true', line: 9 }],
      output: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec: {}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n',
    },
    {
      name: 'http is the only key of spec, CRLF and no trailing newline',
      code: 'apiVersion: kibana.k8s.elastic.co/v1\r\nkind: Kibana\r\nmetadata:\r\n  name: kb\r\nspec:\r\n  http:\r\n    tls:\r\n      selfSignedCertificate:\r\n        disabled: true',
      errors: [{ text: 'disabled: true' }],
      output: 'apiVersion: kibana.k8s.elastic.co/v1\r\nkind: Kibana\r\nmetadata:\r\n  name: kb\r\nspec: {}',
    },
    {
      name: 'http is the only key of spec, a comment in it: no fix rather than losing it',
      code: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kb\nspec:\n  # plain HTTP behind the mesh\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n',
      errors: [{ text: 'disabled: true' }],
      output: null,
    },
    {
      name: 'flow map with a sibling after',
      code: eck('  http: {tls: {selfSignedCertificate: {disabled: true, subjectAltNames: [{dns: a.example.com}]}}}\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http: {tls: {selfSignedCertificate: {subjectAltNames: [{dns: a.example.com}]}}}\n'),
    },
    {
      name: 'flow map with a sibling before',
      code: eck('  http: {tls: {selfSignedCertificate: {subjectAltNames: [{dns: a.example.com}], disabled: true}}}\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http: {tls: {selfSignedCertificate: {subjectAltNames: [{dns: a.example.com}]}}}\n'),
    },
    {
      name: 'flow map inside a block map',
      code: eck('  http:\n    service: {}\n    tls:\n      selfSignedCertificate: {disabled: true}\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  http:\n    service: {}\n'),
    },
    {
      name: 'comments on and between the removed lines go with them',
      code: eck('  # HTTP layer\n  http:\n    # testing only\n    tls:\n      selfSignedCertificate:\n        disabled: true # plain HTTP\n  count: 1\n'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  # HTTP layer\n  count: 1\n'),
    },
    {
      name: 'CRLF line endings',
      code: eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true\n        subjectAltNames: [{dns: a}]\n  count: 1\n').replace(/\n/g, '\r\n'),
      errors: [{ text: 'disabled: true', line: 10 }],
      output: eck('  http:\n    tls:\n      selfSignedCertificate:\n        subjectAltNames: [{dns: a}]\n  count: 1\n').replace(/\n/g, '\r\n'),
    },
    {
      name: 'file without a trailing newline',
      code: eck('  count: 1\n  http:\n    tls:\n      selfSignedCertificate:\n        disabled: true'),
      errors: [{ text: 'disabled: true' }],
      output: eck('  count: 1\n'),
    },
    {
      name: 'YAML 1.1 booleans Kubernetes reads as true (True, yes, on)',
      code: [
        eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: True\n', 'Kibana', 'kibana.k8s.elastic.co/v1'),
        eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: yes\n', 'ApmServer', 'apm.k8s.elastic.co/v1'),
        eck('  http:\n    tls:\n      selfSignedCertificate:\n        disabled: on\n'),
      ].join('---\n'),
      errors: [{ text: 'disabled: True' }, { text: 'disabled: yes' }, { text: 'disabled: on' }],
      output: [eck('', 'Kibana', 'kibana.k8s.elastic.co/v1'), eck('', 'ApmServer', 'apm.k8s.elastic.co/v1'), eck('')].join('---\n'),
    },
    {
      name: 'multi-document file with other resources',
      code: `apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n${eck(DISABLED)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`,
      errors: [{ text: 'disabled: true', line: 14 }],
      output: `apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n${eck('')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`,
    },
    {
      name: 'kind: List item',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kibana.k8s.elastic.co/v1\n  kind: Kibana\n  metadata: {name: k}\n  spec:\n    version: 8.16.1\n    http:\n      tls:\n        selfSignedCertificate:\n          disabled: true\n',
      errors: [{ text: 'disabled: true', line: 12 }],
      output: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kibana.k8s.elastic.co/v1\n  kind: Kibana\n  metadata: {name: k}\n  spec:\n    version: 8.16.1\n',
    },
    {
      name: 'http shared through an anchor: reported once, not removed (the alias would dangle)',
      code: 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: kibana.k8s.elastic.co/v1\n  kind: Kibana\n  metadata: {name: a}\n  spec:\n    version: 8.16.1\n    http: &http\n      tls:\n        selfSignedCertificate:\n          disabled: true\n- apiVersion: kibana.k8s.elastic.co/v1\n  kind: Kibana\n  metadata: {name: b}\n  spec:\n    version: 8.16.1\n    http: *http\n',
      errors: [{ text: 'disabled: true', line: 12 }],
      output: null,
    },
  ],
});

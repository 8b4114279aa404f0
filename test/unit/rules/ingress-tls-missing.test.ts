import { runRuleTests } from '../../helpers/rule-tester';

const ingress = (spec: string, annotations = '', apiVersion = 'networking.k8s.io/v1') =>
  `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: web\n${annotations}spec:\n  ingressClassName: nginx\n${spec}`;
const RULES = '  rules:\n  - host: app.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service: {name: web, port: {number: 80}}\n';

/** Two hosts: app.example.com and v1.api.example.com. */
const TWO_HOSTS = `${RULES}  - host: v1.api.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service: {name: api, port: {number: 80}}\n`;

runRuleTests('ingress-tls-missing', {
  valid: [
    { name: 'with tls', code: ingress(`  tls:\n  - hosts: [app.example.com]\n    secretName: app-tls\n${RULES}`) },
    { name: 'default backend only', code: ingress('  defaultBackend:\n    service: {name: web, port: {number: 80}}\n') },
    { name: 'AWS ALB certificate annotation', code: ingress(RULES, '  annotations:\n    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:1:certificate/x\n') },
    { name: 'GKE managed certificate', code: ingress(RULES, '  annotations:\n    networking.gke.io/managed-certificates: web-cert\n') },
    { name: 'Helm: tls behind a condition at the spec level', code: ingress(`  {{- if .Values.ingress.tls }}\n  tls:\n    {{- toYaml .Values.ingress.tls | nindent 4 }}\n  {{- end }}\n${RULES}`) },
    { name: 'Helm: an include at the spec level may add tls', code: ingress(`${RULES}  {{- include "web.ingressTls" . | nindent 2 }}\n`) },
    { name: 'another kind', code: 'apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: {name: r}\nspec:\n  routes:\n  - match: Host(`a`)\n' },
    { name: 'templated tls value', code: ingress(`  tls: {{ .Values.tls }}\n${RULES}`) },
    { name: 'Helm: tls filled in by an action on the lines below it', code: ingress(`  tls:\n    {{- toYaml .Values.ingress.tls | nindent 4 }}\n${RULES}`) },
    { name: 'Helm: tls filled in by a range below it', code: ingress(`${RULES}  tls:\n  {{- range .Values.ingress.tls }}\n  - secretName: {{ .secretName }}\n  {{- end }}\n`) },
    { name: 'every host listed, one by a wildcard', code: ingress(`  tls:\n  - hosts: [app.example.com]\n    secretName: a\n  - hosts: ['*.api.example.com']\n    secretName: b\n${TWO_HOSTS}`) },
    { name: 'an entry without hosts may be the default certificate for all', code: ingress(`  tls:\n  - secretName: default-tls\n${TWO_HOSTS}`) },
    { name: 'a templated tls host cannot be judged', code: ingress(`  tls:\n  - hosts: [{{ .Values.host }}]\n    secretName: a\n${TWO_HOSTS}`) },
    { name: 'a rule without host (catch-all) is not judged by name', code: ingress(`  tls:\n  - hosts: [app.example.com]\n    secretName: a\n  rules:\n  - http:\n      paths: []\n`) },
    { name: 'hosts compare case-insensitively', code: ingress(`  tls:\n  - hosts: [App.Example.com]\n    secretName: a\n${RULES}`) },
  ],
  invalid: [
    {
      name: 'a host no tls entry lists',
      code: ingress(`  tls:\n  - hosts: [app.example.com]\n    secretName: a\n${TWO_HOSTS}`),
      errors: [{ text: 'v1.api.example.com', line: 18, severity: 'info', messageId: 'hostNotInTls', data: { ingress: 'Ingress web', host: 'v1.api.example.com' } }],
      output: null,
    },
    {
      name: 'a wildcard covers one label only',
      code: ingress(`  tls:\n  - hosts: ['*.example.com']\n    secretName: a\n${TWO_HOSTS}`),
      errors: [{ text: 'v1.api.example.com', messageId: 'hostNotInTls' }],
    },
    {
      name: 'rules without tls',
      code: ingress(RULES),
      errors: [{ text: 'rules', line: 7, severity: 'info', messageId: 'noTls', data: { ingress: 'Ingress web' } }],
      output: null,
    },
    {
      name: 'Helm: a templated name is left out of the message',
      code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include "web.fullname" . }}\nspec:\n  tls: []\n' + RULES,
      options: { helm: true },
      errors: [{ text: 'rules', line: 7, messageId: 'noTls', data: { ingress: 'Ingress' } }],
    },
    {
      name: 'empty tls list followed by a template action elsewhere: still reported',
      code: ingress(`  tls: []\n${RULES}`).replace('host: app.example.com', 'host: {{ .Values.host }}'),
      errors: [{ text: 'rules', messageId: 'noTls' }],
    },
    {
      name: 'empty tls list',
      code: ingress(`  tls: []\n${RULES}`),
      errors: [{ text: 'rules', messageId: 'noTls' }],
    },
    {
      name: 'old extensions group',
      code: ingress(RULES, '', 'extensions/v1beta1'),
      errors: [{ text: 'rules', messageId: 'noTls' }],
    },
    {
      name: 'Helm: templates inside the rules do not add tls',
      code: ingress('  rules:\n  {{- range .Values.hosts }}\n    - host: {{ . }}\n  {{- end }}\n'.replace('  {{- range', '    {{- range').replace('  {{- end', '    {{- end')),
      errors: [{ text: 'rules', messageId: 'noTls' }],
    },
  ],
});

import { runRuleTests } from '../../helpers/rule-tester';

const peerAuth = (spec: string, version = 'v1') => `apiVersion: security.istio.io/${version}\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n${spec}`;
const destinationRule = (spec: string) => `apiVersion: networking.istio.io/v1beta1\nkind: DestinationRule\nmetadata:\n  name: reviews\nspec:\n  host: reviews.default.svc.cluster.local\n${spec}`;

runRuleTests('istio-mtls-disabled', {
  valid: [
    { name: 'STRICT', code: peerAuth('  mtls:\n    mode: STRICT\n') },
    { name: 'UNSET and absent', code: peerAuth('  mtls:\n    mode: UNSET\n') + '---\n' + peerAuth('  selector:\n    matchLabels: {app: web}\n') },
    { name: 'templated', code: peerAuth('  mtls:\n    mode: {{ .Values.mtlsMode }}\n') },
    { name: 'DestinationRule secure modes', code: destinationRule('  trafficPolicy:\n    tls:\n      mode: ISTIO_MUTUAL\n    portLevelSettings:\n    - port: {number: 443}\n      tls: {mode: SIMPLE}\n  subsets:\n  - name: v1\n    trafficPolicy:\n      tls:\n        mode: MUTUAL\n') },
    { name: 'PERMISSIVE in a DestinationRule is not a client mode', code: destinationRule('  trafficPolicy:\n    tls:\n      mode: PERMISSIVE\n') },
    { name: 'another group', code: peerAuth('  mtls:\n    mode: DISABLE\n').replace('security.istio.io', 'example.com') },
  ],
  invalid: [
    {
      name: 'PeerAuthentication DISABLE',
      code: peerAuth('  mtls:\n    mode: DISABLE\n'),
      errors: [{ text: 'DISABLE', line: 8, severity: 'warning', messageId: 'peerDisable', data: { resource: 'PeerAuthentication default', path: 'spec.mtls.mode' } }],
      unsafe: true,
      output: peerAuth('  mtls:\n    mode: STRICT\n'),
    },
    {
      name: 'PeerAuthentication PERMISSIVE is info; port-level modes',
      code: peerAuth('  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    8080:\n      mode: DISABLE\n    "9090": {mode: "PERMISSIVE"}\n', 'v1beta1'),
      errors: [
        { text: 'PERMISSIVE', line: 8, severity: 'info', messageId: 'peerPermissive', data: { resource: 'PeerAuthentication default', path: 'spec.mtls.mode' } },
        { text: 'DISABLE', line: 11, severity: 'warning', messageId: 'peerDisable' },
        { text: 'PERMISSIVE', line: 12, severity: 'info', messageId: 'peerPermissive' },
      ],
      unsafe: true,
      output: peerAuth('  mtls:\n    mode: STRICT\n  portLevelMtls:\n    8080:\n      mode: STRICT\n    "9090": {mode: "STRICT"}\n', 'v1beta1'),
    },
    {
      name: 'DestinationRule DISABLE everywhere it can be set; no fix',
      code: destinationRule('  trafficPolicy:\n    tls:\n      mode: DISABLE\n    portLevelSettings:\n    - port: {number: 9080}\n      tls: {mode: DISABLE}\n  subsets:\n  - name: v2\n    trafficPolicy:\n      tls:\n        mode: DISABLE\n      portLevelSettings:\n      - port: {number: 80}\n        tls:\n          mode: DISABLE\n'),
      errors: [
        { text: 'DISABLE', line: 9, messageId: 'destinationDisable', data: { resource: 'DestinationRule reviews', path: 'spec.trafficPolicy.tls.mode' } },
        { text: 'DISABLE', line: 12, messageId: 'destinationDisable' },
        { text: 'DISABLE', line: 17, messageId: 'destinationDisable' },
        { text: 'DISABLE', line: 21, messageId: 'destinationDisable' },
      ],
      output: null,
    },
  ],
});

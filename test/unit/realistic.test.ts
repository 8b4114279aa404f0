/**
 * A corpus of realistic manifests, written for this suite: the shapes operators actually keep
 * in their repositories (kubeadm static pods, wrapper binaries and shell scripts, envsubst,
 * Jinja and Go templates, etcd in every form, kubeadm and Cluster API configuration, a hosted
 * control plane chart, ECK resources and a chart for them, a Kustomize base and overlay, etcd
 * and its clients over plain http, add-ons that skip verification (metrics-server, Traefik,
 * kubectl, Prometheus, kubeconfigs in Secrets, Istio), and YAML that is not Kubernetes at
 * all). Each file is linted the way the CLI lints it and every finding is pinned as
 * `rule-id line: exact source text`; an empty list means the file is clean.
 */
import * as path from 'node:path';
import { fixtureSuite } from '../helpers/fixture-suite';

const dir = path.resolve(__dirname, '../../../test/fixtures/realistic');

const EXPECTED: Record<string, string[]> = {
  // Add-ons: metrics-server and its APIService, Traefik (flag and ServersTransport), kubectl in a CronJob script.
  'add-ons/metrics-server.yaml': [
    'kubelet-insecure-tls 30: --kubelet-insecure-tls',
    'apiservice-insecure-skip-tls-verify 46: true',
  ],
  'add-ons/traefik-and-backup.yaml': [
    'insecure-skip-verify-flag 21: --serversTransport.insecureSkipVerify=true',
    'insecure-skip-verify-flag 30: true',
    'insecure-skip-verify-flag 62: --insecure-skip-tls-verify',
  ],
  // Cluster API: map extraArgs, kubeletExtraArgs, files[].content and the kubeadm-config ConfigMap.
  'cluster-api/kubeadm-config-configmap.yaml': [
    'apiserver-kubelet-https-disabled 13: kubelet-https: "false"',
  ],
  'cluster-api/kubeadm-config-template.yaml': [
    'kubelet-cert-rotation-disabled 15: RotateKubeletServerCertificate=false',
    'kubelet-cert-rotation-disabled 25: rotateCertificates: false',
  ],
  'cluster-api/kubeadm-control-plane.yaml': [
    'tls-weak-cipher-suites 21: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256',
    'control-plane-bind-address-public 25: 0.0.0.0',
    'etcd-peer-client-cert-auth-disabled 32: peer-client-cert-auth: "false"',
  ],
  // ECK: HTTP TLS off (with and without a certificate of one's own), transport certificates,
  // plain-http hosts, verification, protocols, the Logstash API, and a chart.
  'eck/apm-server.yaml': [
    'eck-security-disabled 18: ssl.enabled: false',
    'eck-weak-tls-protocols 20: TLSv1.1',
  ],
  'eck/elasticsearch-custom-cert.yaml': [],
  // A multi-file deployment: references between its files are judged by the CLI tests.
  'eck-observability/certificates.yaml': [],
  'eck-observability/elasticsearch.yaml': [
    'eck-http-tls-disabled 11: disabled: true',
  ],
  'eck-observability/fleet.yaml': [],
  'eck-observability/ingress.yaml': [],
  'eck-observability/kibana.yaml': [],
  'eck-observability/kustomization.yaml': [],
  // A self-managed stack split in two files: the Kibana's client certificate is judged against
  // the other file's elasticsearch.yml by the CLI tests.
  'elastic-split/elasticsearch.yaml': [],
  'elastic-split/kibana.yaml': [],
  'eck/elasticsearch-http-plain.yaml': [
    'eck-http-tls-disabled 16: disabled: true',
  ],
  'eck/elasticsearch-transport.yaml': [],
  'eck/filebeat.yaml': [
    'eck-verification-disabled 21: request.ssl.verification_mode: none',
  ],
  'eck/kibana.yaml': [
    'eck-plain-http-hosts 12: http://docs-search-es-http.search.svc:9200',
  ],
  'eck/mtls-stack.yaml': [
    'eck-public-service-without-san 43: LoadBalancer',
    'elastic-mtls-inconsistent 45: elasticsearch.ssl.certificate: /mnt/elastic/kibana-client-cert/tls.crt',
  ],
  'eck/logstash.yaml': [
    'eck-logstash-api-tls-disabled 20: disabled: true',
  ],
  'eck/stack-chart/Chart.yaml': [],
  'eck/stack-chart/templates/kibana.yaml': [
    'eck-http-tls-disabled 20: disabled: true',
  ],
  'eck/stack-chart/values.yaml': [],
  // A self-managed Elastic Stack: configuration files in ConfigMaps and Secrets, Kibana's
  // mutual TLS half done and done right, Beats on every node, a chart with APM Server and Agent.
  'elastic-self-managed/beats-daemonsets.yaml': [
    'eck-plain-http-hosts 19: "http://logging-es.logging.svc:9200"',
    'eck-verification-disabled 38: ssl.verification_mode: none',
    'eck-verification-disabled 41: ssl.verification_mode: none',
  ],
  'elastic-self-managed/chart/Chart.yaml': [],
  'elastic-self-managed/chart/templates/config.yaml': [
    'eck-security-disabled 15: enabled: false',
    'eck-weak-tls-protocols 29: TLSv1.0',
  ],
  'elastic-self-managed/chart/values.yaml': [],
  'elastic-self-managed/logging-stack.yaml': [
    'eck-weak-tls-protocols 44: TLSv1.1',
    'elastic-mtls-inconsistent 47: elasticsearch.ssl.certificate: /usr/share/kibana/config/certs/kibana-client.crt',
    'elastic-mtls-inconsistent 49: elasticsearch.username: kibana_system',
    'elastic-mtls-inconsistent 50: elasticsearch.password: ${KIBANA_SYSTEM_PASSWORD}',
  ],
  'elastic-self-managed/pki-stack.yaml': [],
  // etcd: flags, ETCD_* variables, a gRPC proxy (not a member), plain http, a member behind nice/ionice.
  'etcd/grpc-proxy.yaml': [],
  // The release image's own command runs etcd (no command, no args): judged on its variables alone.
  'etcd/image-command-env.yaml': [
    'etcd-client-cert-auth-disabled 20: quay.io/coreos/etcd:v3.5.12',
    'etcd-client-tls-missing 20: quay.io/coreos/etcd:v3.5.12',
    'etcd-plain-http-urls 25: http://0.0.0.0:2379',
    'etcd-plain-http-urls 27: http://heron-etcd.heron.svc:2379',
  ],
  'etcd/niced-member.yaml': [
    'etcd-client-cert-auth-disabled 22: etcd',
    'etcd-peer-tls-missing 22: etcd',
    'etcd-peer-auto-tls 34: --peer-auto-tls=true',
  ],
  'etcd/plaintext-dev.yaml': [
    'etcd-client-cert-auth-disabled 21: etcd',
    'etcd-client-tls-missing 21: etcd',
    'etcd-plain-http-urls 24: http://0.0.0.0:2379',
    'etcd-plain-http-urls 25: http://scratch-etcd.ci-integration.svc:2379',
  ],
  'etcd/statefulset-env-config.yaml': [
    'etcd-peer-client-cert-auth-disabled 54: name: ETCD_PEER_CLIENT_CERT_AUTH\n          value: "false"',
  ],
  'etcd/statefulset-peer-tls-flags.yaml': [],
  // A hosted control plane chart: pod network with httpGet probes, flags in {{ if }}/{{ else }} branches.
  'hosted-control-plane/Chart.yaml': [],
  'hosted-control-plane/templates/apiserver.yaml': [
    'tls-min-version-too-low 46: VersionTLS11',
  ],
  'hosted-control-plane/templates/controller-manager.yaml': [],
  'hosted-control-plane/templates/scheduler.yaml': [
    'tls-weak-cipher-suites 24: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_3DES_EDE_CBC_SHA',
  ],
  'hosted-control-plane/values.yaml': [],
  // kubeadm v1beta3/v1beta4 configuration, Init/JoinConfiguration, KubeletConfiguration.
  'kubeadm/cluster-config-v1beta3.yaml': [
    'control-plane-bind-address-public 27: 0.0.0.0',
    'etcd-plain-http-urls 32: http://0.0.0.0:2381',
  ],
  'kubeadm/cluster-config-v1beta4.yaml': [],
  'kubeadm/init-join.yaml': [
    'kubelet-read-only-port-enabled 37: read-only-port: "10255"',
  ],
  'kubeadm/kubelet-config-defaults.yaml': [],
  // No authentication section: no client CA.
  'kubeadm/kubelet-config-minimal.yaml': [
    'kubelet-client-ca-missing 4: KubeletConfiguration',
  ],
  'kubeadm/kubelet-config-read-only-port.yaml': [
    'kubelet-tls-files-missing 4: KubeletConfiguration',
    'kubelet-read-only-port-enabled 5: readOnlyPort: 10255',
    'tls-weak-cipher-suites 17: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256\n- TLS_RSA_WITH_AES_128_GCM_SHA256',
  ],
  // A kubeconfig kept in a Secret's stringData (no apiVersion), one cluster entry skipping verification.
  'kubeconfig/ci-deployer.yaml': [
    'kubeconfig-insecure-skip-tls-verify 20: true',
  ],
  // Kustomize: the base Ingress lacks tls (reported); the overlay's patch lacks it too (not reported).
  'kustomize/base/deployment.yaml': [],
  'kustomize/base/ingress.yaml': [
    'ingress-tls-missing 8: rules',
  ],
  'kustomize/base/kustomization.yaml': [],
  'kustomize/overlays/staging/ingress-host.yaml': [],
  'kustomize/overlays/staging/kustomization.yaml': [],
  // Prometheus: an operator ServiceMonitor and a prometheus.yml kept in a ConfigMap.
  'monitoring/prometheus-config.yaml': [
    'prometheus-insecure-skip-verify 26: true',
  ],
  'monitoring/service-monitors.yaml': [
    'prometheus-insecure-skip-verify 22: true',
  ],
  // YAML that is not Kubernetes: insecure-looking text, nothing to report.
  'not-kubernetes/ci-workflow.yaml': [],
  'not-kubernetes/docker-compose.yml': [],
  'not-kubernetes/openapi.yaml': [],
  // Plain http:// toward and between etcd members: an application etcd, kubeadm external etcd and its API server.
  'plain-http/etcd-statefulset.yaml': [
    'etcd-peer-client-cert-auth-disabled 23: /usr/local/bin/etcd',
    'etcd-peer-tls-missing 23: /usr/local/bin/etcd',
    'etcd-plain-http-urls 33: http://0.0.0.0:2380',
    'etcd-plain-http-urls 42: http://$(POD_NAME).app-etcd.inventory.svc:2380',
    'etcd-plain-http-urls 44: app-etcd-0=http://app-etcd-0.app-etcd.inventory.svc:2380,app-etcd-1=http://app-etcd-1.app-etcd.inventory.svc:2380,app-etcd-2=http://app-etcd-2.app-etcd.inventory.svc:2380',
  ],
  'plain-http/external-etcd-cluster.yaml': [
    'apiserver-etcd-plain-http 10: http://10.20.0.11:2379',
    'apiserver-etcd-plain-http 11: http://10.20.0.12:2379',
    'apiserver-sa-key-missing 27: kube-apiserver',
    'apiserver-etcd-plain-http 39: http://10.20.0.11:2379,http://10.20.0.12:2379,https://10.20.0.13:2379',
  ],
  // Istio: mesh-wide PERMISSIVE, a namespace with mTLS off, a DestinationRule subset in plain text.
  'service-mesh/istio-policies.yaml': [
    'istio-mtls-disabled 10: PERMISSIVE',
    'istio-mtls-disabled 19: DISABLE',
    'istio-mtls-disabled 47: DISABLE',
  ],
  // kubeadm-style static pods: a compliant set and a legacy one.
  'static-pods/compliant/etcd.yaml': [],
  'static-pods/compliant/kube-apiserver.yaml': [],
  'static-pods/compliant/kube-controller-manager.yaml': [],
  'static-pods/compliant/kube-scheduler.yaml': [],
  'static-pods/legacy/kube-apiserver.yaml': [
    'apiserver-kubelet-ca-missing 17: kube-apiserver',
    'apiserver-tls-files-missing 17: kube-apiserver',
    'apiserver-insecure-bind-address 29: --insecure-bind-address=127.0.0.1',
    'apiserver-insecure-port 30: --port=8080',
    'apiserver-secure-port-disabled 31: --secure-port=0',
  ],
  'static-pods/legacy/kube-controller-manager.yaml': [
    'controller-manager-root-ca-missing 17: kube-controller-manager',
    'controller-manager-sa-key-missing 17: kube-controller-manager',
    'control-plane-bind-address-public 18: 0.0.0.0',
    'kubelet-server-cert-rotation-disabled 21: RotateKubeletServerCertificate=false',
  ],
  'static-pods/legacy/kube-scheduler.yaml': [
    'control-plane-insecure-port 23: 0.0.0.0',
    'control-plane-insecure-port 24: 10251',
  ],
  // envsubst/Terraform placeholders, Jinja branches, Go-template values.
  'templates/etcd.j2.yaml': [
    'etcd-auto-tls 26: --auto-tls=true',
  ],
  'templates/kube-apiserver.envsubst.yaml': [
    'tls-min-version-too-low 31: VersionTLS10',
  ],
  'templates/kube-controller-manager.gotmpl.yaml': [
    'tls-weak-cipher-suites 26: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA',
  ],
  // The binary behind go-runner, sh -c, hyperkube, or an image entrypoint.
  'wrappers/args-only-apiserver.yaml': [
    'apiserver-tls-files-missing 19: registry.k8s.io/kube-apiserver:v1.31.1',
  ],
  'wrappers/go-runner-apiserver.yaml': [
    'apiserver-kubelet-ca-missing 20: /usr/local/bin/kube-apiserver',
    'apiserver-sa-key-missing 20: /usr/local/bin/kube-apiserver',
    'tls-weak-cipher-suites 32: TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_256_CBC_SHA',
  ],
  'wrappers/hyperkube-apiserver.yaml': [
    'apiserver-sa-key-missing 12: "/hyperkube"',
    'apiserver-kubelet-https-disabled 26: "--kubelet-https=false"',
  ],
  'wrappers/shell-exec-apiserver.yaml': [
    'apiserver-kubelet-client-cert-missing 16: "exec /usr/local/bin/kube-apiserver\n      --secure-port=6443\n      --tls-cert-file=/etc/srv/kubernetes/server.cert\n      --tls-private-key-file=/etc/srv/kubernetes/server.key\n      --client-ca-file=/etc/srv/kubernetes/ca.crt\n      --etcd-servers=https://10.0.12.4:2379\n      --etcd-cafile=/etc/srv/kubernetes/etcd-ca.crt\n      --etcd-certfile=/etc/srv/kubernetes/etcd-apiserver-client.crt\n      --etcd-keyfile=/etc/srv/kubernetes/etcd-apiserver-client.key\n      --kubelet-certificate-authority=/etc/srv/kubernetes/ca.crt\n      --tls-min-version=VersionTLS11\n      1>>/var/log/kube-apiserver.log 2>&1"',
    'apiserver-sa-key-missing 16: "exec /usr/local/bin/kube-apiserver\n      --secure-port=6443\n      --tls-cert-file=/etc/srv/kubernetes/server.cert\n      --tls-private-key-file=/etc/srv/kubernetes/server.key\n      --client-ca-file=/etc/srv/kubernetes/ca.crt\n      --etcd-servers=https://10.0.12.4:2379\n      --etcd-cafile=/etc/srv/kubernetes/etcd-ca.crt\n      --etcd-certfile=/etc/srv/kubernetes/etcd-apiserver-client.crt\n      --etcd-keyfile=/etc/srv/kubernetes/etcd-apiserver-client.key\n      --kubelet-certificate-authority=/etc/srv/kubernetes/ca.crt\n      --tls-min-version=VersionTLS11\n      1>>/var/log/kube-apiserver.log 2>&1"',
    'tls-min-version-too-low 26: VersionTLS11',
  ],
};

describe('realistic manifest corpus (test/fixtures/realistic)', () => {
  fixtureSuite(dir, EXPECTED);
});

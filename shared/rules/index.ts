import type { Rule } from './types';
import apiserverTlsFilesMissing from './apiserver-tls-files-missing';
import apiserverSecurePortDisabled from './apiserver-secure-port-disabled';
import eckHttpTlsDisabled from './eck-http-tls-disabled';
import apiserverInsecurePort from './apiserver-insecure-port';
import apiserverInsecureBindAddress from './apiserver-insecure-bind-address';
import apiserverClientCaMissing from './apiserver-client-ca-missing';
import apiserverKubeletClientCertMissing from './apiserver-kubelet-client-cert-missing';
import apiserverKubeletCaMissing from './apiserver-kubelet-ca-missing';
import apiserverKubeletHttpsDisabled from './apiserver-kubelet-https-disabled';
import apiserverEtcdClientCertMissing from './apiserver-etcd-client-cert-missing';
import apiserverEtcdCaMissing from './apiserver-etcd-ca-missing';
import apiserverSaKeyMissing from './apiserver-sa-key-missing';
import tlsWeakCipherSuites from './tls-weak-cipher-suites';
import tlsMinVersionTooLow from './tls-min-version-too-low';
import controllerManagerRootCaMissing from './controller-manager-root-ca-missing';
import controllerManagerSaKeyMissing from './controller-manager-sa-key-missing';
import kubeletServerCertRotationDisabled from './kubelet-server-cert-rotation-disabled';
import controlPlaneBindAddressPublic from './control-plane-bind-address-public';
import etcdClientTlsMissing from './etcd-client-tls-missing';
import etcdClientCertAuthDisabled from './etcd-client-cert-auth-disabled';
import etcdAutoTls from './etcd-auto-tls';
import etcdPeerTlsMissing from './etcd-peer-tls-missing';
import etcdPeerClientCertAuthDisabled from './etcd-peer-client-cert-auth-disabled';
import etcdPeerAutoTls from './etcd-peer-auto-tls';
import kubeletReadOnlyPortEnabled from './kubelet-read-only-port-enabled';
import kubeletTlsFilesMissing from './kubelet-tls-files-missing';
import kubeletClientCaMissing from './kubelet-client-ca-missing';
import kubeletCertRotationDisabled from './kubelet-cert-rotation-disabled';
import eckSecurityDisabled from './eck-security-disabled';
import eckVerificationDisabled from './eck-verification-disabled';
import eckWeakTlsProtocols from './eck-weak-tls-protocols';
import eckPlainHttpHosts from './eck-plain-http-hosts';
import eckLogstashApiTlsDisabled from './eck-logstash-api-tls-disabled';
import eckPublicServiceWithoutSan from './eck-public-service-without-san';
import elasticMtlsInconsistent from './elastic-mtls-inconsistent';
import ingressTlsMissing from './ingress-tls-missing';
import etcdPlainHttpUrls from './etcd-plain-http-urls';
import apiserverEtcdPlainHttp from './apiserver-etcd-plain-http';
import controlPlaneInsecurePort from './control-plane-insecure-port';
import kubeletInsecureTls from './kubelet-insecure-tls';
import insecureSkipVerifyFlag from './insecure-skip-verify-flag';
import apiserviceInsecureSkipTlsVerify from './apiservice-insecure-skip-tls-verify';
import kubeconfigInsecureSkipTlsVerify from './kubeconfig-insecure-skip-tls-verify';
import prometheusInsecureSkipVerify from './prometheus-insecure-skip-verify';
import istioMtlsDisabled from './istio-mtls-disabled';
import tlsFileNotMounted from './tls-file-not-mounted';
import eckRefPlainHttp from './eck-ref-plain-http';
import tlsSecretInvalid from './tls-secret-invalid';
import etcdCaSharedWithApiserver from './etcd-ca-shared-with-apiserver';

/** The rule registry: adding a rule means adding its module here. */
export const RULES: readonly Rule[] = [
  apiserverTlsFilesMissing,
  apiserverSecurePortDisabled,
  eckHttpTlsDisabled,
  apiserverInsecurePort,
  apiserverInsecureBindAddress,
  apiserverClientCaMissing,
  apiserverKubeletClientCertMissing,
  apiserverKubeletCaMissing,
  apiserverKubeletHttpsDisabled,
  apiserverEtcdClientCertMissing,
  apiserverEtcdCaMissing,
  apiserverSaKeyMissing,
  tlsWeakCipherSuites,
  tlsMinVersionTooLow,
  controllerManagerRootCaMissing,
  controllerManagerSaKeyMissing,
  kubeletServerCertRotationDisabled,
  controlPlaneBindAddressPublic,
  etcdClientTlsMissing,
  etcdClientCertAuthDisabled,
  etcdAutoTls,
  etcdPeerTlsMissing,
  etcdPeerClientCertAuthDisabled,
  etcdPeerAutoTls,
  kubeletReadOnlyPortEnabled,
  kubeletTlsFilesMissing,
  kubeletClientCaMissing,
  kubeletCertRotationDisabled,
  eckSecurityDisabled,
  eckVerificationDisabled,
  eckWeakTlsProtocols,
  eckPlainHttpHosts,
  eckLogstashApiTlsDisabled,
  eckPublicServiceWithoutSan,
  elasticMtlsInconsistent,
  ingressTlsMissing,
  etcdPlainHttpUrls,
  apiserverEtcdPlainHttp,
  controlPlaneInsecurePort,
  kubeletInsecureTls,
  insecureSkipVerifyFlag,
  apiserviceInsecureSkipTlsVerify,
  kubeconfigInsecureSkipTlsVerify,
  prometheusInsecureSkipVerify,
  istioMtlsDisabled,
  tlsFileNotMounted,
  eckRefPlainHttp,
  tlsSecretInvalid,
  etcdCaSharedWithApiserver,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

/** Reported for a document that is not valid YAML; it is then skipped. */
export const YAML_SYNTAX_RULE_ID = 'yaml-syntax';

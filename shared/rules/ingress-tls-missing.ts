import { isMap, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { getMap, getPair, getScalar, Resource } from '../model/resources';
import { templated } from './helpers';
import type { Rule, RuleContext } from './types';

/**
 * Annotations through which controllers terminate TLS without `spec.tls`: AWS Load Balancer
 * Controller (`certificate-arn`), GKE (`pre-shared-cert`, `managed-certificates`), Traefik
 * (`router.tls`), Azure Application Gateway (`appgw-ssl-certificate`), and the like.
 */
const TLS_ANNOTATION = /certificate-arn|pre-shared-cert|managed-certificates|router\.tls|appgw-ssl-certificate|ssl-cert/i;

/**
 * ## What it does
 * Flags an Ingress (`networking.k8s.io`, or the old `extensions`) that routes hosts with
 * `spec.rules` but has no `spec.tls`, or whose `spec.tls` leaves one of those hosts out.
 *
 * ## Why is this bad?
 * The controller serves a host without a TLS entry over plain HTTP only.
 */
const rule: Rule = {
  meta: {
    id: 'ingress-tls-missing',
    title: 'Ingress routes hosts without TLS',
    description:
      'An Ingress whose `spec.rules` route traffic but which has no `spec.tls` (or an empty one) is served by the ingress controller over plain HTTP. Not reported when an annotation terminates TLS another way (AWS `certificate-arn`, GKE `pre-shared-cert` / `managed-certificates`, Traefik `router.tls`, Azure `appgw-ssl-certificate`), or when template actions at the level of `rules` may emit a `tls` section, or in a Kustomize patch (a file that a `kustomization.yaml` in its folder or up to three folders above names under `patches`, `patchesStrategicMerge` or `patchesJson6902`), which keeps the `tls` of the Ingress it patches. A host of `spec.rules` that no `spec.tls` entry lists (exactly, or by a `*.` wildcard one label deep) is reported on the host, when every entry names its hosts literally (an entry without `hosts` may be the controller\'s default for all of them).',
    remediation: 'Add `spec.tls` with the hosts and a `secretName` holding their certificate (cert-manager can issue it), or terminate TLS in front of the controller and document it by suppressing the rule.',
    defaultSeverity: 'info',
    severityNote:
      'Whether plain HTTP is acceptable depends on the layout: TLS may be terminated by a load balancer in front of the controller or a service mesh, which no manifest shows.',
    category: 'ingress',
    sources: [
      { kind: 'Kubernetes', id: 'ingress-tls', note: 'Kubernetes docs: Ingress TLS', url: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls' },
    ],
    messages: {
      noTls: '{{ingress}} routes hosts without spec.tls: the controller serves them over plain HTTP.',
      hostNotInTls: '{{ingress}} routes {{host}} but no spec.tls entry lists it: the controller serves it over plain HTTP.',
    },
    fixable: false,
    examples: {
      bad: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ingress\nspec:\n  rules:\n  - host: app.example.com',
      good: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ingress\nspec:\n  tls:\n  - hosts: [app.example.com]\n    secretName: app-tls\n  rules:\n  - host: app.example.com',
    },
    triggers: /\bIngress\b/,
  },
  create(context) {
    return {
      resource(resource) {
        if (resource.kind !== 'Ingress' || (resource.group !== 'networking.k8s.io' && resource.group !== 'extensions')) return;
        // A Kustomize patch with `rules` keeps the `tls` of the Ingress it patches.
        if (context.partialResources) return;
        const doc = resource.doc;
        const spec = getMap(resource.node, 'spec', doc);
        const rulesPair = getPair(spec, 'rules');
        if (!spec || !rulesPair || !isSeq(rulesPair.value) || rulesPair.value.items.length === 0 || !rulesPair.key.range) return;
        if (hasTlsAnnotation(resource)) return;
        const name = getScalar(getMap(resource.node, 'metadata', doc), 'name', doc);
        const literalName = resource.name && name?.range && !templated(context.text, { start: name.range[0], end: name.range[1] }) ? resource.name : undefined;
        const tlsPair = getPair(spec, 'tls');
        const tls = tlsPair?.value;
        // A non-empty list is TLS (for the hosts it lists); anything else but nothing (a templated value) cannot be judged.
        if (isSeq(tls) && tls.items.length > 0) {
          reportUncoveredHosts(literalName, rulesPair.value, tls, context);
          return;
        }
        if (tls !== undefined && tls !== null && !isNull(tls) && !isSeq(tls)) return;
        // `tls:` followed by template actions (`{{- toYaml .Values.tls | nindent 4 }}`) may be filled in.
        if (tlsPair && templatedValue(spec, tlsPair, context.text)) return;
        if (templatedAtRulesLevel(spec.range ?? undefined, rulesPair.key.range[0], context.text)) return;
        context.report({
          range: { start: rulesPair.key.range[0], end: rulesPair.key.range[1] },
          messageId: 'noTls',
          data: { ingress: literalName ? `Ingress ${literalName}` : 'Ingress' },
        });
      },
    };
  },
};

/**
 * With `spec.tls` listing hosts, a rule's host that no entry covers (exactly or by a `*.` wildcard
 * one label deep) is served over plain HTTP. Only judged when every entry names its hosts
 * literally: an entry without `hosts` may be the controller's default for all of them.
 */
function reportUncoveredHosts(name: string | undefined, rules: YAMLSeq, tls: YAMLSeq, context: RuleContext): void {
  const covered: string[] = [];
  for (const entry of tls.items) {
    const hosts = isMap(entry) ? entry.get('hosts', true) : undefined;
    if (!isSeq(hosts) || hosts.items.length === 0) return;
    for (const host of hosts.items) {
      if (!isScalar(host) || typeof host.value !== 'string' || !host.range || templated(context.text, { start: host.range[0], end: host.range[1] })) return;
      covered.push(host.value.toLowerCase());
    }
  }
  const coveredBy = (host: string) =>
    covered.some((c) => c === host || (c.startsWith('*.') && host.endsWith(c.slice(1)) && !host.slice(0, host.length - c.length + 1).includes('.')));
  for (const rule of rules.items) {
    const host = isMap(rule) ? rule.get('host', true) : undefined;
    if (!isScalar(host) || typeof host.value !== 'string' || !host.range || !host.value) continue;
    if (templated(context.text, { start: host.range[0], end: host.range[1] })) continue;
    if (coveredBy(host.value.toLowerCase())) continue;
    context.report({
      range: { start: host.range[0], end: host.range[1] },
      messageId: 'hostNotInTls',
      data: { ingress: name ? `Ingress ${name}` : 'Ingress', host: host.value },
    });
  }
}

/** Template actions between the pair's key and the next key of the map (or the map's end). */
function templatedValue(map: YAMLMap, pair: Pair, text: string): boolean {
  const key = pair.key as Scalar | null;
  if (!key?.range) return true;
  const index = map.items.indexOf(pair);
  const next = map.items[index + 1]?.key as Scalar | undefined;
  const end = next?.range?.[0] ?? map.range?.[1] ?? text.length;
  return templated(text, { start: key.range[1], end });
}

function isNull(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

function hasTlsAnnotation(resource: Resource): boolean {
  const annotations = getMap(getMap(resource.node, 'metadata', resource.doc), 'annotations', resource.doc);
  return !!annotations?.items.some((p) => TLS_ANNOTATION.test(String((p.key as { value?: string | number | boolean | null })?.value ?? '')));
}

/**
 * A template action starting a line at `rules`' indentation or less inside the spec (or right
 * after it) may emit `tls:` itself; actions nested deeper (host names, `range` over paths) cannot.
 */
function templatedAtRulesLevel(specRange: [number, number, number] | undefined, rulesStart: number, text: string): boolean {
  if (!specRange) return true;
  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const column = rulesStart - lineStart(rulesStart);
  const next = /^\S/m.exec(text.slice(specRange[2]));
  const end = next ? specRange[2] + next.index : text.length;
  const lines = text.slice(lineStart(specRange[0]), end).split(/\r?\n|\r/);
  return lines.some((line) => {
    const m = /^([ \t]*)(\{\{|\{%)/.exec(line);
    return !!m && m[1].length <= column;
  });
}

export default rule;

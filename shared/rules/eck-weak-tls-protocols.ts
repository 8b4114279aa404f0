import { isScalar, isSeq, Scalar } from 'yaml';
import { CONFIG_FILES_NOTE, ElasticConfigs, walkConfig } from '../model/eck-config';
import { deref } from '../model/resources';
import type { TextEdit } from '../model/text';
import { elasticConfigVisitors, removeUpward } from './helpers';
import type { Rule, RuleContext } from './types';

/** Protocol names the stack accepts that are broken or deprecated (RFC 8996). */
const WEAK = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.0', 'tlsv1.1']);
const KEYS = new Set(['supported_protocols', 'supportedProtocols']);

function isWeak(name: string): boolean {
  return WEAK.has(name.trim().toLowerCase());
}

/**
 * ## What it does
 * Flags SSLv3, TLSv1 / TLSv1.0 and TLSv1.1 in `supported_protocols` (`supportedProtocols` for
 * Kibana) anywhere in an ECK resource's `spec.config`, as a list or a comma-separated string.
 *
 * ## Why is this bad?
 * These protocol versions have known attacks and are deprecated (RFC 8996); allowing them lets
 * a client or a man in the middle negotiate down to them.
 */
const rule: Rule = {
  meta: {
    id: 'eck-weak-tls-protocols',
    title: 'ECK spec.config or an Elastic configuration file allows SSLv3 / TLS 1.0 / TLS 1.1',
    description:
      '`ssl.supported_protocols` (Elasticsearch, APM Server, Beats, Agent) and `ssl.supportedProtocols` (Kibana) list the protocol versions a server accepts or a client offers. SSLv3, TLSv1 (TLSv1.0) and TLSv1.1 are broken or deprecated (RFC 8996): allowing them permits downgrades. Each weak entry is reported, anywhere in `spec.config`, dotted or nested; TLSv1.2 and TLSv1.3 are fine. ' + CONFIG_FILES_NOTE,
    remediation: 'Remove the weak versions, leaving `[TLSv1.3, TLSv1.2]`, or remove the setting: current Elastic releases default to TLSv1.3 and TLSv1.2.',
    defaultSeverity: 'warning',
    category: 'eck',
    sources: [
      { kind: 'Elastic', id: 'ssl-supported-protocols', note: 'Elasticsearch SSL settings: supported_protocols', url: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-settings.html' },
      { kind: 'Elastic', id: 'kibana-settings', note: 'Kibana server.ssl.supportedProtocols', url: 'https://www.elastic.co/guide/en/kibana/current/settings.html' },
    ],
    messages: { weakProtocols: '{{setting}} allows {{protocols}}: protocol versions with known attacks (RFC 8996); only TLSv1.2 and TLSv1.3 are safe.' },
    fixable: true,
    fixSafety:
      'Safe: every supported Elastic client speaks TLSv1.2 or later.',
    examples: {
      bad: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  config:\n    server.ssl.supportedProtocols: [TLSv1.1, TLSv1.2]',
      good: 'apiVersion: kibana.k8s.elastic.co/v1\nkind: Kibana\nmetadata:\n  name: kibana\nspec:\n  config:\n    server.ssl.supportedProtocols: [TLSv1.2, TLSv1.3]',
    },
  },
  create(context) {
    function check(source: ElasticConfigs) {
      for (const config of source.configs) {
        walkConfig(config, source.doc, (setting) => {
          if (!KEYS.has(setting.local[setting.local.length - 1])) return;
          const value = deref(setting.pair.value, source.doc);
          const name = `${source.label} ${setting.path.join('.')}`;
          if (isSeq(value)) {
            const items = value.items;
            const weak = items.filter((i): i is Scalar => isScalar(i) && typeof i.value === 'string' && isWeak(i.value));
            const allWeak = weak.length === items.length;
            for (const item of weak) {
              const index = items.indexOf(item);
              const edit = setting.shared ? undefined : allWeak ? removeUpward(setting.chain, context.editor, setting.owner) : single(context.editor.removeSeqItems(value, index, index));
              report(context, item, name, String(item.value), edit, allWeak ? 'Remove the setting (the defaults are TLSv1.3 and TLSv1.2)' : `Remove ${String(item.value)}`);
            }
          } else if (isScalar(value) && typeof value.value === 'string' && value.range) {
            const parts = value.value.split(',').map((p) => p.trim()).filter(Boolean);
            const weak = parts.filter(isWeak);
            if (weak.length === 0) return;
            const rest = parts.filter((p) => !isWeak(p));
            const edit = setting.shared ? undefined : rest.length === 0 ? removeUpward(setting.chain, context.editor, setting.owner) : single(context.editor.replaceScalar(value, rest.join(',')));
            report(context, value, name, weak.join(', '), edit, rest.length === 0 ? 'Remove the setting (the defaults are TLSv1.3 and TLSv1.2)' : `Remove ${weak.join(', ')}`);
          }
        });
      }
    }
    return elasticConfigVisitors(check);
  },
};

function single(edit: TextEdit | undefined): TextEdit[] | undefined {
  return edit ? [edit] : undefined;
}

function report(context: RuleContext, node: Scalar, setting: string, protocols: string, edits: TextEdit[] | undefined, title: string): void {
  context.report({
    range: { start: node.range![0], end: node.range![1] },
    messageId: 'weakProtocols',
    data: { setting, protocols },
    fixes: [{ title, edits, isPreferred: true, safe: true }],
  });
}

export default rule;

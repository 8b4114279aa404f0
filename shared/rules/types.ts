import type { CommandLine } from '../model/command-line';
import type { Component } from '../model/component';
import type { CrossFileReport, ResourceIndex } from '../crossfile/index';
import type { SourceEditor } from '../model/edit';
import type { ElasticStackLookup } from '../model/elastic-stack';
import type { ConfigFile } from '../model/embedded-config';
import type { Resource } from '../model/resources';
import type { Range, TextEdit } from '../model/text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export interface RuleSource {
  /** Who checks the same thing: a benchmark, a peer scanner or a vendor document. */
  kind: 'CIS' | 'KICS' | 'Checkov' | 'Trivy' | 'kube-bench' | 'ECK' | 'Elastic' | 'Kubernetes' | 'etcd' | 'metrics-server' | 'Prometheus' | 'Istio' | 'Traefik';
  id: string;
  /**
   * The benchmark release the id is from (`1.12`): CIS renumbers checks between releases
   * (kube-apiserver's TLS files are 1.2.24 in 1.12, 1.2.30 before). Required for CIS and kube-bench.
   */
  version?: string;
  /** What the source calls the check, or how it differs. */
  note?: string;
  url?: string;
}

export interface RuleMeta {
  id: string;
  title: string;
  /** One paragraph: what the rule finds and why it matters. */
  description: string;
  /** How to fix it by hand, for the docs. */
  remediation: string;
  defaultSeverity: Severity;
  /** Why the default severity is what it is, when it is lower than the benchmark's. */
  severityNote?: string;
  category: 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd' | 'kubelet' | 'eck' | 'ingress' | 'any-component' | 'add-ons' | 'kubeconfig' | 'service-mesh';
  sources: RuleSource[];
  fixable: boolean;
  /**
   * For the docs, when `fixable`: whether the fix is safe (applied by fix-all and `--fix`) or
   * unsafe (a quick fix only, applied by `--unsafe-fixes`), and why.
   */
  fixSafety?: string;
  /**
   * What the rule says, by message id: templates with `{{name}}` placeholders filled from a
   * report's `data`, as in ESLint. Reports name a message by id, so tests can pin the id.
   */
  messages: Readonly<Record<string, string>>;
  /**
   * Flagged and compliant YAML for the docs: whole files, run by the rule tester (the bad one must
   * be reported, the good one not). Files judged together are split by `---` lines and named by a
   * `# name.yaml` comment on their first line.
   */
  examples?: { bad: string; good: string };
  /**
   * For rules with a `resource` visitor: a test every text the rule can report on passes (e.g.
   * its API group). Prefiltered scans skip texts no rule can report on without parsing them.
   * Defaults by category (prefilter.ts CATEGORY_TRIGGERS): a kubelet rule's texts mention
   * "kubelet", an ECK rule's "k8s.elastic.co"; `ingress` has no default (every text is parsed).
   */
  triggers?: RegExp;
}

export interface FixSpec {
  title: string;
  /** Undefined when this particular finding cannot be fixed safely: the fix is dropped. */
  edits: TextEdit[] | undefined;
  isPreferred?: boolean;
  /** Safe fixes are applied by `--fix` and "Fix all"; unsafe ones only on request. */
  safe?: boolean;
}

/** The values a message template's placeholders are filled with. */
export type MessageData = Readonly<Record<string, string | number>>;

export interface Report {
  range: Range;
  /** A key of the rule's `meta.messages`. */
  messageId: string;
  data?: MessageData;
  /**
   * The fixes, or a function computing them when they are first asked for (a code action, a
   * fix-all): a file with thousands of findings then builds only the edits someone applies. Such
   * a function may read the parsed nodes and the context's editor, never anything that changes.
   */
  fixes?: FixSpec[] | (() => FixSpec[]);
  /**
   * This finding's own default, below the rule's (e.g. a check toward the node-local kubelet);
   * a severity the user configures for the rule still wins.
   */
  severity?: Severity;
  /** Other places that explain the finding (the server a client's setting depends on). */
  related?: RelatedLocation[];
}

/**
 * A place that explains a finding. Its range is in the text the engine was given (the outer file),
 * even when the finding itself is in a manifest or configuration file embedded in that text.
 */
export interface RelatedLocation {
  range: Range;
  message: string;
}

/** What the engine's settings let a fix insert (paths for missing files). */
export type FixDefaults = Record<string, string>;

export interface RuleContext {
  text: string;
  editor: SourceEditor;
  fixDefaults: FixDefaults;
  /**
   * Whether the user configured this `fix` key: a fix inserting a default path (a guess at
   * where the files are) may stop the program from starting, so it is safe only with the user's path.
   */
  fixConfigured(key: string): boolean;
  /**
   * The resources are merged into others (Kustomize patches; configuration kubeadm completes, see
   * `EmbeddedText.partial`): a field they lack may be set there.
   */
  partialResources: boolean;
  /** The Elastic Stack programs around this text, for rules about how a client and its server fit together. */
  elasticStack: ElasticStackLookup;
  report(report: Report): void;
}

/** A rule inspects the parts of a file it cares about; the engine walks the file once. */
export interface RuleVisitors {
  /** A control-plane program with its effective flags (container or kubeadm). */
  component?(component: Component): void;
  /** Every Kubernetes-style object (anything with apiVersion and kind). */
  resource?(resource: Resource): void;
  /** The flags of every program any container runs, whatever it is (see ../model/command-line). */
  commandLine?(line: CommandLine): void;
  /**
   * A configuration file (`kibana.yml`…) kept as text in a ConfigMap or Secret; the context's
   * `text` and `editor` are then the file's own, and so are the offsets reported.
   */
  configFile?(file: ConfigFile): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitors;
  /** Rules across files: judges references between the resources of every file read together. */
  crossFile?(index: ResourceIndex, report: (report: CrossFileReport) => void): void;
}

const DOCS_BASE_URL = 'https://github.com/kube-tls-lint/kube-tls-lint/blob/main/docs/rules/';

/** How a source is named: KICS by its id's first block; CIS and kube-bench with the benchmark release their id is from. */
export function sourceLabel(source: RuleSource): string {
  if (source.kind === 'KICS') return `KICS ${source.id.slice(0, 8)}`;
  if (source.kind === 'CIS') return `CIS ${source.id} (v${source.version})`;
  if (source.kind === 'kube-bench') return `kube-bench ${source.id} (cfg/cis-${source.version})`;
  return `${source.kind} ${source.id}`;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

/** The placeholder names of a message template. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * A report's message: the rule's template filled in one pass (a value holding `{{…}}`, such as a
 * Helm action, is not read again). A placeholder without data stays as written, as in ESLint; an
 * unknown message id is a bug in the rule.
 */
export function formatMessage(meta: Pick<RuleMeta, 'id' | 'messages'>, messageId: string, data?: MessageData): string {
  const template = Object.hasOwn(meta.messages, messageId) ? meta.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`rule ${meta.id} has no message "${messageId}"`);
  return template.replace(PLACEHOLDER, (whole, name: string) => (data && Object.hasOwn(data, name) ? String(data[name]) : whole));
}

import type { LintConfig } from '../config';
import { RULES } from '../rules';
import { formatMessage, type MessageData, type Severity } from '../rules/types';
import type { FileFacts, Place, ResourceFacts } from './facts';

/** A resource of the workspace and the file it is in. */
export interface IndexedResource {
  file: string;
  facts: ResourceFacts;
}

/** A finding of a rule across files: in one file, explained by places in others. */
export interface CrossFileFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  place: Place;
  message: string;
  /** The rule's message id and the data its template was filled with. */
  messageId: string;
  data?: MessageData;
  related: Array<{ file: string; place: Place; message: string }>;
  /** The literal block holding the configuration file the finding is in (offsets in the file's text). */
  embeddedIn?: { start: number; end: number };
}

/** What a rule across files hands back; the runner applies severities and suppressions. */
export type CrossFileReport = Omit<CrossFileFinding, 'ruleId' | 'severity' | 'message'> & { silenced: readonly string[] };

/**
 * The resources of every file read in one run, by kind and name. Namespaces: a resource
 * without one matches a reference from any namespace, and so does a reference without one.
 */
export class ResourceIndex {
  private readonly byKindName = new Map<string, IndexedResource[]>();
  readonly all: IndexedResource[] = [];

  constructor(files: Iterable<FileFacts>) {
    for (const file of files) {
      for (const facts of file.resources) {
        const entry = { file: file.file, facts };
        this.all.push(entry);
        if (facts.name === undefined) continue;
        const key = `${facts.kind}\0${facts.name}`;
        const list = this.byKindName.get(key);
        if (list) list.push(entry);
        else this.byKindName.set(key, [entry]);
      }
    }
  }

  /**
   * The resources of `kind` named `name` a reference from `namespace` reaches (`group` tests the
   * API group): those in that very namespace when there are any, else those that may be there.
   */
  find(kind: string, name: string, namespace: string | undefined, group: (group: string) => boolean): IndexedResource[] {
    const candidates = (this.byKindName.get(`${kind}\0${name}`) ?? []).filter((r) => group(r.facts.group));
    const exact = candidates.filter((r) => namespace !== undefined && r.facts.namespace === namespace);
    if (exact.length) return exact;
    return candidates.filter((r) => namespace === undefined || r.facts.namespace === undefined);
  }
}

/**
 * Runs every enabled rule across files over the index. `configOf` gives each file's settings
 * (a rule off or re-levelled there applies to the findings in that file).
 */
export function crossFileFindings(files: readonly FileFacts[], configOf: (file: string) => LintConfig | undefined): CrossFileFinding[] {
  const crossRules = RULES.filter((rule) => rule.crossFile !== undefined);
  if (crossRules.length === 0 || files.every((f) => f.resources.length === 0)) return [];
  const index = new ResourceIndex(files);
  const out: CrossFileFinding[] = [];
  for (const rule of crossRules) {
    rule.crossFile!(index, (report) => {
      if (report.silenced.includes(rule.meta.id)) return;
      const setting = configOf(report.file)?.rules[rule.meta.id];
      if (setting === 'off') return;
      const { silenced: _silenced, ...rest } = report;
      out.push({ ruleId: rule.meta.id, severity: setting ?? rule.meta.defaultSeverity, message: formatMessage(rule.meta, rest.messageId, rest.data), ...rest });
    });
  }
  return out;
}

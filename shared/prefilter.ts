/**
 * The prefilter of bulk scans (the CLI, the editor's workspace scan): a cheap text test that
 * tells which texts, and which `---` documents of a text, no enabled rule can report on, so
 * they are not parsed at all. It must never say no where a rule could report.
 */
import { COMPONENT_HINT } from './model/components';
import { CONFIG_FILE_HINT } from './model/embedded-config';
import type { LintConfig } from './config';
import { RULES } from './rules';
import type { Rule, RuleMeta } from './rules/types';

/**
 * What any text a resource visitor of the category reports on contains: a control-plane
 * program's name or config section (`KubeletConfiguration`, `apiServer:`, `etcd`…), an ECK
 * API group. Categories not listed have no bound.
 */
const CATEGORY_TRIGGERS: Partial<Record<RuleMeta['category'], RegExp>> = {
  'kube-apiserver': COMPONENT_HINT,
  'kube-controller-manager': COMPONENT_HINT,
  'kube-scheduler': COMPONENT_HINT,
  etcd: COMPONENT_HINT,
  kubelet: COMPONENT_HINT,
  'any-component': COMPONENT_HINT,
  // ECK resources, and Elastic configuration files kept in ConfigMaps and Secrets.
  eck: new RegExp(`k8s\\.elastic\\.co|${CONFIG_FILE_HINT.source}`),
};

/** A trigger that never matches: rules that report only across files (a lint alone never reports). */
const NEVER = '(?!)';

/** How to test a text for a set of rules: `always` when some rule has no bound. */
type Plan = { always: true } | { always: false; tests: RegExp[] };

/** Plans by the enabled rules' ids: a run has one or a few rule sets, the lints are many. */
const plans = new Map<string, Plan>();
/** The last rule set asked about (each lint makes its own array), and its plan. */
let last: { rules: readonly Rule[]; plan: Plan } | undefined;

/**
 * Whether any of the rules may report anything on `text` (false only when none surely can):
 * components exist only in texts matching COMPONENT_HINT, a resource visitor only where its
 * rule's triggers match. YAML escapes (`\x2d`) can spell any word: a backslash means maybe.
 * The same holds of each `---` document of a text (every report's reason is in the resource
 * or configuration file it is about), so documents can be tested one by one.
 */
export function mayReport(rules: readonly Rule[], text: string): boolean {
  if (text.includes('\\')) return true;
  const plan = planFor(rules);
  if (plan.always) return true;
  for (const test of plan.tests) if (test.test(text)) return true;
  return false;
}

function planFor(rules: readonly Rule[]): Plan {
  if (last && last.rules.length === rules.length && last.rules.every((rule, i) => rule === rules[i])) return last.plan;
  let key = '';
  for (const rule of rules) key += rule.meta.id + ',';
  let plan = plans.get(key);
  if (!plan) {
    plan = makePlan(rules);
    plans.set(key, plan);
  }
  last = { rules, plan };
  return plan;
}

/**
 * One regular expression for all the triggers where it can be built (every text is scanned
 * once, not once per trigger: that is most of a prefiltered scan's time), the others apart.
 */
function makePlan(rules: readonly Rule[]): Plan {
  const triggers = new Set<RegExp>([COMPONENT_HINT]);
  for (const rule of rules) {
    const trigger = rule.meta.triggers ?? CATEGORY_TRIGGERS[rule.meta.category];
    if (!trigger) return { always: true };
    if (trigger.source !== NEVER) triggers.add(trigger);
  }
  const sources: string[] = [];
  const apart: RegExp[] = [];
  for (const trigger of triggers) {
    const source = /^[gi]*$/.test(trigger.flags) ? unionPart(trigger.source, trigger.flags.includes('i')) : undefined;
    if (source === undefined) apart.push(new RegExp(trigger.source, trigger.flags.replace(/[gy]/g, '')));
    else sources.push(source);
  }
  return { always: false, tests: [...(sources.length ? [new RegExp(sources.join('|'))] : []), ...apart] };
}

/**
 * The trigger's source as one alternative of the case-sensitive union, or undefined when it
 * cannot be one: its letters as `[aA]` classes when it ignores case (V8 scans such a union much
 * faster than a case-insensitive one). Character classes, groups that capture, back references
 * and named or Unicode escapes are left to a test of their own.
 */
export function unionPart(source: string, ignoreCase: boolean): string | undefined {
  if (/\\(?:\d|k<|[pPu])|\((?!\?[:=!])|\(\?<|\[|[^ -~]/.test(source)) return undefined;
  const group = `(?:${source})`;
  if (!ignoreCase) return group;
  let out = '';
  for (let i = 0; i < group.length; i++) {
    const ch = group[i];
    if (ch === '\\') {
      // An escape (`\b`, `\.`, `\x2d`, `\s`) keeps its meaning: copy it, and a `\x` escape's digits.
      const next = group[i + 1] ?? '';
      const length = next === 'x' ? 3 : 1;
      out += ch + group.slice(i + 1, i + 1 + length);
      i += length;
    } else if (/[a-zA-Z]/.test(ch)) {
      out += `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** The same for the rules a configuration enables (what a prefiltered lint with it tests). */
export function mayReportWith(config: LintConfig, text: string): boolean {
  return mayReport(RULES.filter((rule) => config.rules[rule.meta.id] !== 'off'), text);
}

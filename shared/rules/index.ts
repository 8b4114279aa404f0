import type { Rule } from './types';
import apiserverTlsFilesMissing from './apiserver-tls-files-missing';
import apiserverSecurePortDisabled from './apiserver-secure-port-disabled';
import eckHttpTlsDisabled from './eck-http-tls-disabled';

/** The rule registry: adding a rule means adding its module here. */
export const RULES: readonly Rule[] = [
  apiserverTlsFilesMissing,
  apiserverSecurePortDisabled,
  eckHttpTlsDisabled,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((rule) => [rule.meta.id, rule]));

/** Reported for a document that is not valid YAML; it is then skipped. */
export const YAML_SYNTAX_RULE_ID = 'yaml-syntax';

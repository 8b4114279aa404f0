import type { Component } from './component';
import type { EnvVar } from './env';
import type { FlagOccurrence } from './flags';
import type { Binary } from './invocation';
import type { Range, TextEdit } from './text';

/** Programs that also read each flag from an environment variable, and how they name it. */
const ENV_PREFIX: Partial<Record<Binary, string>> = { etcd: 'ETCD' };

/** One setting as the program sees it: from its flag, or else from its environment variable. */
export interface Setting {
  /** The flag name, without dashes. */
  name: string;
  source: 'flag' | 'env';
  value: string | undefined;
  /** Set, but not knowable here (template, `valueFrom`, `$(VAR)`). */
  unknown: boolean;
  /** The exact text that sets it: the flag occurrence or the `env` entry. */
  range: Range;
  flag?: FlagOccurrence;
  env?: EnvVar;
}

/** `peer-cert-file` → `ETCD_PEER_CERT_FILE` (etcd's `flags.FlagToEnv`). */
export function envNameOf(binary: Binary, flag: string): string | undefined {
  const prefix = ENV_PREFIX[binary];
  return prefix ? `${prefix}_${flag.toUpperCase().replace(/-/g, '_')}` : undefined;
}

/**
 * The setting that takes effect for `flag`: the last flag occurrence wins; without one, the
 * environment variable (etcd only applies a non-empty variable whose flag is not given).
 */
export function effectiveSetting(component: Component, flag: string): Setting | undefined {
  const occ = component.flags.last(flag);
  if (occ) {
    // `$(VAR)` (expanded by the kubelet) or `$VAR` (in a script): not knowable here.
    const unknown = occ.unknown || (occ.value ?? '').includes('$');
    return { name: flag, source: 'flag', value: unknown ? undefined : occ.value, unknown, range: occ.range, flag: occ };
  }
  const envName = envNameOf(component.binary, flag);
  const variable = envName ? component.env?.last(envName) : undefined;
  if (!variable || (!variable.unknown && variable.value === '')) return undefined;
  return { name: flag, source: 'env', value: variable.value, unknown: variable.unknown, range: variable.range, env: variable };
}

/** Set to a non-empty value, or to something unknowable (which counts as set). */
export function isSettingSet(setting: Setting | undefined): boolean {
  if (!setting) return false;
  if (setting.unknown) return true;
  const v = (setting.value ?? '').trim();
  return v !== '' && v !== '""' && v !== "''";
}

/**
 * True when a setting missing from the file may still be given where the file does not show:
 * templated command lines, `envFrom` or templated `env` (for programs reading variables).
 */
export function mayBeSetElsewhere(component: Component): boolean {
  if (!component.complete) return true;
  return ENV_PREFIX[component.binary] !== undefined && component.origin === 'container' && !(component.env?.complete ?? false);
}

/**
 * Removes the setting altogether: every occurrence of the flag (an earlier one would take over
 * from a removed last one) and its environment variable (which applies once no flag is given).
 */
export function removeSetting(component: Component, setting: Setting): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const occurrence of component.flags.all(setting.name)) {
    const e = component.editor.remove(occurrence);
    if (!e) return undefined;
    edits.push(...e);
  }
  const envName = envNameOf(component.binary, setting.name);
  const variable = envName ? component.env?.last(envName) : undefined;
  if (variable) {
    const e = component.env!.remove(variable);
    if (!e) return undefined;
    edits.push(...e);
  }
  const sorted = [...edits].sort((x, y) => x.start - y.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return undefined;
  return edits.length ? edits : undefined;
}

/** Gives the setting a new value where it is written (flag value or `env` value). */
export function setSetting(component: Component, setting: Setting, value: string): TextEdit[] | undefined {
  if (setting.flag) return component.editor.setValue(setting.flag, value);
  if (setting.env && component.env) return component.env.setValue(setting.env, value);
  return undefined;
}

import type { Component } from './component';
import { effectiveSetting, isSettingSet, Setting } from './settings';

/**
 * etcd ignores every other flag and `ETCD_*` variable when it is given a configuration file
 * (`--config-file` / `ETCD_CONFIG_FILE`): nothing the file shows can then be judged.
 */
export function etcdUsesConfigFile(component: Component): boolean {
  return isSettingSet(effectiveSetting(component, 'config-file'));
}

/** An etcd whose settings the file shows: the program is etcd and no config file overrides them. */
export function isJudgeableEtcd(component: Component): boolean {
  return component.binary === 'etcd' && !etcdUsesConfigFile(component);
}

/**
 * Whether the etcd talks to peers over the network, so peer TLS matters: `--initial-cluster`
 * names more than one member, discovery is configured, or any `--peer-*` setting is given
 * (someone configured peer traffic). A single member with default peer URLs is not clustered;
 * unknown values (templates, `$(VAR)`) never make it clustered.
 */
export function isClusteredEtcd(component: Component): boolean {
  const initial = effectiveSetting(component, 'initial-cluster');
  if (initial && !initial.unknown && initial.value && !initial.value.includes('$')) {
    // `name=url,name=url`: one member may list several URLs under the same name.
    const names = new Set(initial.value.split(',').map((m) => m.trim()).filter(Boolean).map((m) => m.split('=')[0].trim()));
    if (names.size > 1) return true;
  }
  if (isSettingSet(effectiveSetting(component, 'discovery')) || isSettingSet(effectiveSetting(component, 'discovery-srv'))) return true;
  if (component.flags.occurrences.some((o) => o.name.startsWith('peer-'))) return true;
  return (component.env?.vars ?? []).some((v) => v.name.startsWith('ETCD_PEER_') && (v.unknown || v.value !== ''));
}

/** How a setting reads in a message: `--auto-tls=true` or `ETCD_AUTO_TLS=true`. */
export function settingLabel(setting: Setting): string {
  if (setting.env) return `${setting.env.name}=${setting.value ?? '…'}`;
  return setting.value === undefined ? `--${setting.name}` : `--${setting.name}=${setting.value}`;
}

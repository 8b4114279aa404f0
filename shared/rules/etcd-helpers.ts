/**
 * The three shapes of the etcd rules (CIS 2.1–2.6), for the client and the peer side: a pair
 * of files that must be set, a boolean that must be true, a boolean that must not be true.
 * Settings come from flags, then `ETCD_*` variables (`effectiveSetting`); kubeadm's etcd
 * components are judged on what `extraArgs` sets explicitly, never on what it leaves out.
 */
import type { Component } from '../model/component';
import { isClusteredEtcd, isJudgeableEtcd, settingLabel } from '../model/etcd';
import { effectiveSetting, isSettingSet, mayBeSetElsewhere, removeSetting, setSetting } from '../model/settings';
import type { TextEdit } from '../model/text';
import { isLoopbackUrlHost, parseGoBool, plainHttpHost } from './helpers';
import type { Rule, RuleMeta } from './types';

interface Side {
  /** Peer rules only apply to an etcd that has peers (see `isClusteredEtcd`). */
  peer: boolean;
}

function applies(component: Component, side: Side): boolean {
  return isJudgeableEtcd(component) && (!side.peer || isClusteredEtcd(component));
}

/**
 * Whether a file setting is in place: kubeadm's `etcd.local` always passes the certificate, key
 * and CA flags itself, so there only an explicit `extraArgs` entry could change them.
 */
function isGiven(component: Component, flag: string): boolean {
  return component.origin === 'kubeadm' || isSettingSet(effectiveSetting(component, flag));
}

/** A comma-separated URL list with an `http://` URL whose host is not loopback. */
function servesPlainHttp(urls: string): boolean {
  return urls.split(',').some((url) => {
    // An empty host (`http://:2379`) listens on every interface.
    const host = plainHttpHost(url);
    return host !== undefined && !isLoopbackUrlHost(host);
  });
}

function joinEdits(edits: Array<TextEdit[] | undefined>): TextEdit[] | undefined {
  return edits.every(Boolean) ? edits.flat() as TextEdit[] : undefined;
}

/**
 * `--cert-file` and `--key-file` (or `--peer-…`) must both be set; fix: add them with the configured
 * paths. Messages: `missing`, and `missingAndPlainHttp` when the listen URLs also serve http://.
 */
export function etcdFilesRule(
  meta: RuleMeta,
  side: Side & { cert: string; key: string; certDefault: string; keyDefault: string; listenUrls: string },
): Rule {
  return {
    meta,
    create(context) {
      return {
        component(component) {
          if (!applies(component, side) || mayBeSetElsewhere(component)) return;
          const missing = [side.cert, side.key].filter((flag) => !isSettingSet(effectiveSetting(component, flag)));
          if (missing.length === 0) return;
          const values: Record<string, string> = { [side.cert]: context.fixDefaults[side.certDefault], [side.key]: context.fixDefaults[side.keyDefault] };
          // Flags present with an empty value are set in place; absent ones are appended.
          const edits: Array<TextEdit[] | undefined> = [];
          const toInsert: Array<{ name: string; value: string }> = [];
          for (const flag of missing) {
            const present = component.flags.last(flag);
            if (present) edits.push(component.editor.setValue(present, values[flag]));
            else toInsert.push({ name: flag, value: values[flag] });
          }
          if (toInsert.length) edits.push(component.editor.insert(toInsert));
          // The files alone do not switch `http://` listeners to TLS: say so, the fix cannot.
          const listen = effectiveSetting(component, side.listenUrls);
          const plainListen = listen && !listen.unknown && servesPlainHttp(listen.value ?? '') ? listen : undefined;
          const flags = missing.map((f) => `--${f}`).join(' and ');
          context.report({
            range: component.anchor,
            ...(plainListen ? { messageId: 'missingAndPlainHttp', data: { flags, listenFlag: settingLabel(plainListen).split('=')[0] } } : { messageId: 'missing', data: { flags } }),
            fixes: [{ title: `Add ${missing.map((f) => `--${f}=${values[f]}`).join(' ')}`, edits: joinEdits(edits), isPreferred: true, safe: missing.every((f) => context.fixConfigured(f === side.cert ? side.certDefault : side.keyDefault)) }],
          });
        },
      };
    },
  };
}

/**
 * A boolean flag that must be true (`--client-cert-auth`): explicit false is reported where it
 * is set; absent is reported on the binary, only when nothing unseen could set it. Turning it on
 * is only safe when `--trusted-ca-file` names the CA to verify clients against.
 * `impliedBy` is the deprecated CA flag of etcd before 3.4 (`--ca-file`), which requires client
 * certificates whatever the boolean says (etcd 3.4 removed it: such an etcd does not start).
 */
export function etcdMustBeTrueRule(meta: RuleMeta, side: Side & { flag: string; caFlag: string; impliedBy: string }): Rule {
  return {
    meta,
    create(context) {
      return {
        component(component) {
          if (!applies(component, side)) return;
          if (isSettingSet(effectiveSetting(component, side.impliedBy))) return;
          const setting = effectiveSetting(component, side.flag);
          const caSet = isGiven(component, side.caFlag);
          if (setting) {
            if (setting.unknown || parseGoBool(setting.value) !== false) return;
            context.report({
              range: setting.range,
              messageId: 'disabled',
              data: { setting: settingLabel(setting) },
              fixes: [{ title: `Set ${setting.env ? setting.env.name : `--${side.flag}`} to true`, edits: setSetting(component, setting, 'true'), isPreferred: true, safe: caSet }],
            });
            return;
          }
          if (mayBeSetElsewhere(component)) return;
          context.report({
            range: component.anchor,
            messageId: 'missing',
            fixes: [{ title: `Add --${side.flag}=true`, edits: component.editor.insert([{ name: side.flag, value: 'true' }]), isPreferred: true, safe: caSet }],
          });
        },
      };
    },
  };
}

/**
 * A boolean flag that must not be true (`--auto-tls`). Removing it is safe when the certificate
 * files are given (etcd then ignores it anyway); without them etcd would stop serving TLS or
 * fail to start, so the fix is offered but not applied by "fix all".
 */
export function etcdMustNotBeTrueRule(meta: RuleMeta, side: Side & { flag: string; files: readonly string[] }): Rule {
  return {
    meta,
    create(context) {
      return {
        component(component) {
          if (!applies(component, side)) return;
          const setting = effectiveSetting(component, side.flag);
          if (!setting || setting.unknown || parseGoBool(setting.value) !== true) return;
          const filesSet = side.files.every((f) => isGiven(component, f));
          context.report({
            range: setting.range,
            messageId: 'enabled',
            data: { setting: settingLabel(setting) },
            fixes: [{ title: `Remove ${setting.env ? setting.env.name : `--${side.flag}`}`, edits: removeSetting(component, setting), isPreferred: true, safe: filesSet }],
          });
        },
      };
    },
  };
}

import type { Range } from './text';
import type { Word } from './invocation';

/** One `--name[=value]` occurrence on a command line (or an equivalent config entry). */
export interface FlagOccurrence {
  /** Name without leading dashes. */
  name: string;
  /** The value; undefined for a bare flag with no value (`--flag` as the last word). */
  value: string | undefined;
  /** The value comes from a template placeholder and cannot be judged. */
  unknown: boolean;
  /** The word holding the name (and the value in the `=` form). */
  nameWord: Word;
  /** The separate value word of the split form `--name value`. */
  valueWord?: Word;
  /** The whole occurrence: both words for the split form. */
  range: Range;
}

/**
 * Flags whose parser is boolean: `--flag value` does not consume the next word for them
 * (pflag's NoOptDefVal), so a following word is not their value.
 */
const BOOLEAN_FLAGS = new Set([
  'allow-privileged', 'anonymous-auth', 'auto-tls', 'client-cert-auth', 'peer-auto-tls', 'peer-client-cert-auth',
  'kubelet-https', 'profiling', 'rotate-certificates', 'rotate-server-certificates', 'enable-bootstrap-token-auth',
  'use-service-account-credentials', 'leader-elect', 'logtostderr', 'alsologtostderr', 'service-account-lookup',
  'enable-aggregator-routing', 'enable-pprof', 'enable-v2', 'strict-reconfig-check', 'debug', 'insecure-skip-tls-verify',
  'enable-priority-and-fairness', 'enable-garbage-collector', 'experimental-initial-corrupt-check', 'serialize-image-pulls',
  'fail-swap-on', 'register-node', 'enable-debugging-handlers', 'protect-kernel-defaults', 'make-iptables-util-chains',
  'cgroups-per-qos', 'enable-server', 'enable-controller-attach-detach',
  // Switches that turn certificate verification off, in add-ons and clients.
  'kubelet-insecure-tls', 'insecure-skip-verify', 'tls-skip-verify', 'skip-tls-verify', 'tls-insecure-skip-verify',
  'serversTransport.insecureSkipVerify', 'serverstransport.insecureskipverify',
]);

/** Parses command-line words into flag occurrences, the way Go's pflag reads them. */
export function parseFlags(words: readonly Word[]): FlagSet {
  const occurrences: FlagOccurrence[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const text = word.value.trim();
    if (text === '--') break; // end of flags
    const m = /^--?([A-Za-z0-9][A-Za-z0-9._-]*)(=([\s\S]*))?$/.exec(text);
    if (!m) continue;
    const name = m[1];
    if (m[2] !== undefined) {
      occurrences.push({ name, value: m[3], unknown: word.templated, nameWord: word, range: word.range });
      continue;
    }
    const next = words[i + 1];
    if (next && !BOOLEAN_FLAGS.has(name) && !next.value.trim().startsWith('-')) {
      occurrences.push({
        name,
        value: next.value,
        unknown: word.templated || next.templated,
        nameWord: word,
        valueWord: next,
        range: { start: Math.min(word.range.start, next.range.start), end: Math.max(word.range.end, next.range.end) },
      });
      i++;
      continue;
    }
    occurrences.push({ name, value: BOOLEAN_FLAGS.has(name) ? 'true' : undefined, unknown: word.templated, nameWord: word, range: word.range });
  }
  return new FlagSet(occurrences);
}

export class FlagSet {
  private readonly byName = new Map<string, FlagOccurrence[]>();

  constructor(readonly occurrences: readonly FlagOccurrence[]) {
    for (const occ of occurrences) {
      const list = this.byName.get(occ.name);
      if (list) list.push(occ);
      else this.byName.set(occ.name, [occ]);
    }
  }

  /** The occurrence that takes effect: the binary's parser keeps the last one. */
  last(name: string): FlagOccurrence | undefined {
    const list = this.byName.get(name);
    return list?.[list.length - 1];
  }

  all(name: string): readonly FlagOccurrence[] {
    return this.byName.get(name) ?? [];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Set to a non-empty value (or a template placeholder, which counts as set). */
  isSet(name: string): boolean {
    const occ = this.last(name);
    return !!occ && (occ.unknown || (occ.value !== undefined && occ.value.trim() !== '' && occ.value.trim() !== '""' && occ.value.trim() !== "''"));
  }

  /** The effective value, or undefined when absent or not knowable (template). */
  value(name: string): string | undefined {
    const occ = this.last(name);
    return occ && !occ.unknown ? occ.value : undefined;
  }
}

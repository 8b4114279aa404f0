/**
 * Elastic configuration files kept in a ConfigMap or a Secret, as self-managed stacks and Helm
 * charts write them. `content` is the file without indentation; it goes into a literal block
 * indented by 4, so the file's first line is line 7 of the text (line 6 holds the key).
 */
export function configMapFile(key: string, content: string, options: { name?: string; namespace?: string; header?: string } = {}): string {
  return holderFile('ConfigMap', 'data', key, content, options);
}

export function secretFile(key: string, content: string, options: { name?: string; namespace?: string; header?: string } = {}): string {
  return holderFile('Secret', 'stringData', key, content, options);
}

function holderFile(kind: string, field: string, key: string, content: string, options: { name?: string; namespace?: string; header?: string }): string {
  const namespace = options.namespace ? `\n  namespace: ${options.namespace}` : '';
  const body = content.replace(/^(?=.)/gm, '    ');
  return `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${options.name ?? 'stack-config'}${namespace}\n${field}:\n  ${key}: ${options.header ?? '|'}\n${body}`;
}

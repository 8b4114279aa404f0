import type { Component } from './component';
import { componentsOfContainer } from './component';
import type { SourceEditor } from './edit';
import { kubeadmProvider } from './kubeadm';
import type { ParsedFile } from './parse';
import { containersOf, Resource } from './resources';

/** Finds the control-plane programs a resource configures. Each place settings can live is one provider. */
export type ComponentProvider = (resource: Resource, file: ParsedFile, editor: SourceEditor) => Component[];

const containerProvider: ComponentProvider = (resource, file, editor) => {
  const out: Component[] = [];
  for (const container of containersOf(resource)) {
    out.push(...componentsOfContainer(container, file.maskedText, file.templateRanges, editor));
  }
  return out;
};

/**
 * Every component any provider finds comes from a text matching this (its program's name,
 * image, or config section such as kubeadm's `apiServer:`); texts that do not match are not
 * parsed by prefiltered scans. A provider that finds components by other words must widen it.
 */
export const COMPONENT_HINT = /apiserver|controller-?manager|scheduler|etcd|kubelet|hyperkube|kubeadm/i;

export const COMPONENT_PROVIDERS: ComponentProvider[] = [containerProvider, kubeadmProvider];

export function componentsOf(resource: Resource, file: ParsedFile, editor: SourceEditor): Component[] {
  return COMPONENT_PROVIDERS.flatMap((provider) => provider(resource, file, editor));
}

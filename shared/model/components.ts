import type { Component } from './component';
import { componentsOfContainer } from './component';
import type { SourceEditor } from './edit';
import type { ParsedFile } from './parse';
import { containersOf, Resource } from './resources';

/** Finds the control-plane programs a resource configures. Each place settings can live is one provider. */
export type ComponentProvider = (resource: Resource, file: ParsedFile, editor: SourceEditor) => Component[];

const containerProvider: ComponentProvider = (resource, file, editor) => {
  const out: Component[] = [];
  for (const container of containersOf(resource)) {
    const component = componentsOfContainer(container, file.maskedText, file.templateRanges, editor);
    if (component) out.push(component);
  }
  return out;
};

export const COMPONENT_PROVIDERS: ComponentProvider[] = [containerProvider];

export function componentsOf(resource: Resource, file: ParsedFile, editor: SourceEditor): Component[] {
  return COMPONENT_PROVIDERS.flatMap((provider) => provider(resource, file, editor));
}

/** The names kustomize looks for in a folder. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomizations this many folders above a file are still searched for it (`patches/x.yaml`, `../base-patches/x.yaml`). */
export const KUSTOMIZATION_LEVELS_UP = 3;

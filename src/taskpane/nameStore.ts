/**
 * The name the person using the pane gives once, for the Change Log. It is
 * kept per person in the browser's storage, not in the shared workbook.
 */
export interface NameStore {
  get(): string;
  set(name: string): void;
}

const KEY = "poamWorkbench.userName";

export const browserNameStore: NameStore = {
  get: () => window.localStorage.getItem(KEY) ?? "",
  set: (name) => window.localStorage.setItem(KEY, name),
};

/** A store held in memory, for tests and previews. */
export function memoryNameStore(initial = ""): NameStore {
  let name = initial;
  return { get: () => name, set: (value) => (name = value) };
}

/**
 * Loads modules one after the other, letting the event loop run between two: loading is
 * synchronous, and the early server can only answer in the gaps. Which modules, and in which
 * order, only changes the size of the gaps; anything not listed is loaded by its importer as usual.
 */
export async function loadInSlices(load: (specifier: string) => Promise<unknown>, specifiers: readonly string[]): Promise<void> {
  for (const specifier of specifiers) {
    await load(specifier);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

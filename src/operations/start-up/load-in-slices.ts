/**
 * Loads modules one after the other, letting the event loop run between two: loading is
 * synchronous, and the early server can only answer in the gaps. Which modules, and in which
 * order, only changes the size of the gaps; anything not listed is loaded by its importer as usual.
 */
export async function loadInSlices(load: (specifier: string) => Promise<unknown>, specifiers: readonly string[]): Promise<void> {
  for (const specifier of specifiers) {
    await load(specifier);
    await answerWaitingRequests();
  }
}

/**
 * Two turns of the event loop: a waiting connection is accepted in one and its request read and
 * answered in the next, so a probe never waits for more than the one step running when it arrived.
 */
export async function answerWaitingRequests(): Promise<void> {
  await nextTurn();
  await nextTurn();
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

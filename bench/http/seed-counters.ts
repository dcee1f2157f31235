// How many creations are in flight at once: enough to be quick, few enough to be polite.
const CONCURRENCY = 20;

/**
 * Creates `n` counters through the API (what the commands then load and change) and waits until
 * the read model shows every one of them. Answers their ids.
 */
export async function seedCounters(url: string, n: number, headers: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  let lastPosition = 0;
  let next = 0;
  const createSome = async () => {
    while (next < n) {
      const i = next++;
      const response = await fetch(`${url}/counters`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: `bench-${i}` }),
      });
      if (response.status !== 201) throw new Error(`creating a counter answered ${response.status}: ${await response.text()}`);
      const { id, position } = (await response.json()) as { id: string; position: number };
      ids[i] = id;
      lastPosition = Math.max(lastPosition, position);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, createSome));
  const read = await fetch(`${url}/counters/${ids[0]}?minPosition=${lastPosition}`, { headers });
  if (read.status !== 200) throw new Error(`the counters' projection did not catch up: ${read.status} ${await read.text()}`);
  return ids;
}

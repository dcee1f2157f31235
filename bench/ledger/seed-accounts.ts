// How many requests are in flight at once while seeding: quick, yet polite.
const CONCURRENCY = 20;

async function post(url: string, body: object): Promise<{ id: string; position: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; position: number };
}

/** Opens `n` EUR accounts through the API, each with `balance` deposited; answers their ids. */
export async function seedAccounts(url: string, n: number, balance: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const openSome = async () => {
    while (next < n) {
      const i = next++;
      const { id } = await post(`${url}/accounts`, { owner: `bench-${i}`, currency: 'EUR' });
      await post(`${url}/accounts/${id}/deposits`, { amount: balance });
      ids[i] = id;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, openSome));
  return ids;
}

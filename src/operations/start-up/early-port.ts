const DEFAULT_PORT = 3000;

/**
 * The port to open before the environment is validated (validation loads class-validator, a
 * sizeable share of the start-up): the default when PORT is unset, PORT when it is plainly a valid
 * port, else undefined, and the port then waits for validation to report what is wrong with it.
 * Matches what the Environment class accepts for PORT, so both always agree.
 */
export function earlyPort(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.PORT?.trim();
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 ? port : undefined;
}

/** What the gateway tells the console at start (gateway/console/console.plugin.ts, /app/config.json). */
export interface ConsoleConfig {
  graphqlEndpoint: string;
  devCallers?: Record<string, string>;
  oidc?: { issuer: string; clientId: string; scope: string };
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as ConsoleConfig;
}

// Runtime settings, read once from /config.json (written at deploy time; served by cfm-local).
export interface Settings {
  apiUrl: string;
  authority: string;
  clientId: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  logoutUrl?: string;
  scope: string;
  environment: string;
}

let loaded: Settings | undefined;

export async function loadSettings(): Promise<Settings> {
  const res = await fetch("/config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  loaded = (await res.json()) as Settings;
  return loaded;
}

export function settings(): Settings {
  if (!loaded) throw new Error("settings not loaded");
  return loaded;
}

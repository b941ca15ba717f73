// Sign-in: OAuth 2.0 authorization code + PKCE through oidc-client-ts, the same code path
// against Cognito's managed login and the local identity provider. Tokens and the sign-in
// state live in sessionStorage (per tab, gone with it), never in localStorage.
import { User, UserManager, WebStorageStateStore } from "oidc-client-ts";
import { settings } from "./config";

export interface Me {
  username: string;
  groups: string[];
}

let manager: UserManager | undefined;
let user: User | null = null;

const CALLBACK_PATH = "/callback";

function mgr(): UserManager {
  if (manager) return manager;
  const s = settings();
  manager = new UserManager({
    authority: s.authority,
    client_id: s.clientId,
    redirect_uri: s.redirectUri,
    post_logout_redirect_uri: s.postLogoutRedirectUri,
    response_type: "code",
    scope: s.scope,
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    ...(s.logoutUrl ? { metadataSeed: { end_session_endpoint: s.logoutUrl } } : {}),
  });
  return manager;
}

/** Completes a sign-in redirect when on /callback, else loads the stored user. Returns the
 * path to show. */
export async function startAuth(): Promise<string> {
  if (location.pathname === CALLBACK_PATH) {
    user = await mgr().signinRedirectCallback();
    const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo;
    return returnTo && returnTo.startsWith("/") && !returnTo.startsWith("//") ? returnTo : "/";
  }
  user = await mgr().getUser();
  return location.pathname + location.search;
}

export function me(): Me | null {
  if (!user || user.expired) return null;
  const p = user.profile as Record<string, unknown>;
  const groups = Array.isArray(p["cognito:groups"]) ? (p["cognito:groups"] as unknown[]).map(String) : [];
  return { username: String(p["cognito:username"] ?? p["username"] ?? p.sub), groups };
}

/** The ID token (what the API verifies), or null when signed out or expired. */
export async function currentToken(): Promise<string | null> {
  if (!user || user.expired) return null;
  return user.id_token ?? null;
}

export function signIn(returnTo = location.pathname + location.search): Promise<void> {
  return mgr().signinRedirect({ state: { returnTo } });
}

let reauthenticating = false;
/** The session ended (expired or refused): sign in again and come back here. Forms keep their
 * drafts in sessionStorage (drafts.ts), so a half-filled form is still there afterwards. */
export async function reauthenticate(): Promise<void> {
  if (reauthenticating) return;
  reauthenticating = true;
  await mgr().removeUser();
  user = null;
  await signIn();
}

export async function signOut(): Promise<void> {
  const s = settings();
  const idToken = user?.id_token;
  await mgr().removeUser();
  user = null;
  await mgr().signoutRedirect({
    ...(idToken ? { id_token_hint: idToken } : {}),
    extraQueryParams: { logout_uri: s.postLogoutRedirectUri }, // Cognito's name for it
  });
}

// Roles, as the API decides them (domain.Principal): the UI only hides what would be refused.
export const canCreate = (m: Me | null) => !!m && (m.groups.includes("admins") || m.groups.includes("developers"));
export const canModify = (m: Me | null, owner: string | undefined) =>
  !!m && (m.groups.includes("admins") || (m.groups.includes("developers") && owner === m.username));

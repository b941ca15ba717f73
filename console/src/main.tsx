// Entry point: settings, then sign-in, then the app. No inline script anywhere: index.html
// loads this file only.
import { render } from "preact";
import { App, SignedOut } from "./app";
import { me, startAuth } from "./auth";
import { loadSettings } from "./config";
import { currentLang } from "./i18n";
import { navigate } from "./router";

async function boot() {
  document.documentElement.lang = currentLang();
  const root = document.getElementById("app");
  if (!root) return;
  try {
    await loadSettings();
    const to = await startAuth();
    if (location.pathname === "/callback") navigate(to, true);
  } catch (e) {
    render(<SignedOut error={e instanceof Error ? e.message : String(e)} />, root);
    return;
  }
  render(me() ? <App /> : <SignedOut />, root);
}

void boot();

// English and Korean. The language comes from the browser (navigator.languages) unless the user
// picked one with the switch (kept in localStorage under cfm.lang: a preference, not a secret).
import { en } from "./i18n/en";
import { ko } from "./i18n/ko";

export type Lang = "en" | "ko";
export type Key = keyof typeof en;
const dictionaries: Record<Lang, Record<Key, string>> = { en, ko };
const STORE = "cfm.lang";

function initial(): Lang {
  const saved = localStorage.getItem(STORE);
  if (saved === "en" || saved === "ko") return saved;
  for (const l of navigator.languages ?? [navigator.language]) {
    if (l.toLowerCase().startsWith("ko")) return "ko";
    if (l.toLowerCase().startsWith("en")) return "en";
  }
  return "en";
}

let lang: Lang = initial();
const listeners = new Set<() => void>();

export function currentLang(): Lang {
  return lang;
}

export function setLang(l: Lang) {
  lang = l;
  localStorage.setItem(STORE, l);
  document.documentElement.lang = l;
  for (const f of listeners) f();
}

export function onLangChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** The text for key with {name} placeholders filled; fallback for keys built from data
 * (status names) that have no entry. */
export function t(key: Key | string, vars: Record<string, string> = {}, fallback?: string): string {
  const text = (dictionaries[lang] as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? fallback ?? key;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === "ko" ? "ko-KR" : "en-GB", { dateStyle: "medium", timeStyle: "medium" }).format(d);
}

// The shell: header (user, language switch, sign-out), navigation, the retry banner and the
// screen for the current path.
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { me, signIn, signOut } from "./auth";
import { settings } from "./config";
import { currentLang, onLangChange, setLang, t, type Lang } from "./i18n";
import { Link, match, useLocation } from "./router";
import { Dashboard } from "./screens/dashboard";
import { DistributionCreate } from "./screens/distribution_create";
import { DistributionDetail } from "./screens/distribution_detail";
import { DistributionEdit } from "./screens/distribution_edit";
import { Distributions } from "./screens/distributions";
import { CertificateDetail, Certificates } from "./screens/certificates";
import { EdgeFunctionCreate, EdgeFunctionDetail, EdgeFunctions } from "./screens/edge_functions";
import { OperationDetail, Operations } from "./screens/operations";
import { OriginDetail, OriginForm, Origins } from "./screens/origins";
import { TemplateDetail, TemplateForm, Templates } from "./screens/templates";
import { RetryBanner } from "./ui/components";

type Screen = (p: Record<string, string>) => JSX.Element;
// The route table: every screen and the path it answers.
const routes: [string, Screen][] = [
  ["/", () => <Dashboard />],
  ["/distributions", () => <Distributions />],
  ["/distributions/new", () => <DistributionCreate />],
  ["/distributions/:id", (p) => <DistributionDetail id={p.id ?? ""} />],
  ["/distributions/:id/edit", (p) => <DistributionEdit id={p.id ?? ""} />],
  ["/origins", () => <Origins />],
  ["/origins/new", () => <OriginForm />],
  ["/origins/:id", (p) => <OriginDetail id={p.id ?? ""} />],
  ["/origins/:id/edit", (p) => <OriginForm id={p.id ?? ""} />],
  ["/certificates", () => <Certificates />],
  ["/certificates/:arn", (p) => <CertificateDetail arn={p.arn ?? ""} />],
  ["/edge-functions", () => <EdgeFunctions />],
  ["/edge-functions/new", () => <EdgeFunctionCreate />],
  ["/edge-functions/:id", (p) => <EdgeFunctionDetail id={p.id ?? ""} />],
  ["/templates", () => <Templates />],
  ["/templates/new", () => <TemplateForm />],
  ["/templates/:id", (p) => <TemplateDetail id={p.id ?? ""} />],
  ["/templates/:id/edit", (p) => <TemplateForm id={p.id ?? ""} />],
  ["/operations", () => <Operations />],
  ["/operations/:id", (p) => <OperationDetail id={p.id ?? ""} />],
];

const nav: [string, string][] = [
  ["/", "nav.dashboard"],
  ["/distributions", "nav.distributions"],
  ["/origins", "nav.origins"],
  ["/certificates", "nav.certificates"],
  ["/edge-functions", "nav.edgeFunctions"],
  ["/templates", "nav.templates"],
  ["/operations", "nav.operations"],
];

function useLang(): Lang {
  const [l, setL] = useState(currentLang());
  useEffect(() => onLangChange(() => setL(currentLang())), []);
  return l;
}

function LangSwitch() {
  const lang = useLang();
  return (
    <div class="lang" role="group" aria-label={t("lang.label")}>
      {(["en", "ko"] as const).map((l) => (
        <button key={l} type="button" aria-pressed={lang === l} lang={l} onClick={() => setLang(l)}>
          {l === "en" ? "English" : "한국어"}
        </button>
      ))}
    </div>
  );
}

export function App() {
  const lang = useLang();
  const loc = useLocation();
  const user = me();
  let screen: JSX.Element | null = null;
  for (const [pattern, s] of routes) {
    const params = match(pattern, loc.pathname);
    if (params) {
      screen = s(params);
      break;
    }
  }
  const section = "/" + (loc.pathname.split("/")[1] ?? "");
  return (
    <div class="shell" key={lang}>
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header class="top">
        <span class="brand">CloudFront Manager</span>
        <span class="env">{settings().environment}</span>
        <span class="user" data-testid="user">
          {user?.username} <span class="groups">({user?.groups.join(", ") || t("groups.none")})</span>
        </span>
        <LangSwitch />
        <button type="button" onClick={() => void signOut()}>
          {t("signOut")}
        </button>
      </header>
      <nav class="side" aria-label={t("nav.label")}>
        <ul>
          {nav.map(([href, key]) => (
            <li key={href}>
              <Link href={href} aria-current={section === href ? "page" : undefined}>
                {t(key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <RetryBanner />
        {screen ?? (
          <section class="page">
            <h1>{t("notFound")}</h1>
            <Link href="/">{t("nav.dashboard")}</Link>
          </section>
        )}
      </main>
    </div>
  );
}

export function SignedOut(props: { error?: string }) {
  const lang = useLang();
  return (
    <main id="main" class="signed-out" key={lang}>
      <h1>CloudFront Manager</h1>
      <p>{t("signIn.intro")}</p>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <p>
        <button type="button" class="primary" id="sign-in" onClick={() => void signIn()}>
          {t("signIn")}
        </button>
      </p>
      <LangSwitch />
    </main>
  );
}

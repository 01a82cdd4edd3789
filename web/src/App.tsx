import { useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';
import { createClient } from './client';
import { ConsoleConfig, loadConfig } from './config';
import { authorizationUrl, completeSignIn } from './pkce';
import { Session, sessionOf, SPACE_LABELS, spaceOf } from './session';
import { AssociationPage } from './pages/Association';
import { LandlordPage } from './pages/Landlord';
import { MjpmPage } from './pages/Mjpm';
import { StaffPage } from './pages/Staff';

let started = false;

export function App() {
  const [config, setConfig] = useState<ConsoleConfig>();
  const [problem, setProblem] = useState<string>();
  // The session lives here, in memory only.
  const [session, setSession] = useState<Session>();

  useEffect(() => {
    // Once per page, even if React runs this effect twice (StrictMode in development): a code is exchanged once.
    if (started) return;
    started = true;
    loadConfig()
      .then(async (c) => {
        setConfig(c);
        const here = new URL(window.location.href);
        if (c.oidc && here.pathname.endsWith('/callback') && here.searchParams.has('code')) {
          const token = await completeSignIn(c.oidc.issuer, c.oidc.clientId, here);
          window.history.replaceState(null, '', import.meta.env.BASE_URL);
          setSession(sessionOf(token));
        }
      })
      .catch((e: Error) => setProblem(e.message));
  }, []);

  const client = useMemo(
    () => (config && session ? createClient(config.graphqlEndpoint, session.token) : undefined),
    [config, session],
  );

  return (
    <>
      <a className="skip" href="#contenu">
        Aller au contenu
      </a>
      <header className="top">
        <span className="brand">Console des partenaires MASP / MAJ</span>
        {session ? (
          <span className="who">
            Connecté : <strong data-testid="who">{session.label}</strong>{' '}
            <button type="button" onClick={() => setSession(undefined)}>
              Se déconnecter
            </button>
          </span>
        ) : null}
      </header>
      <main id="contenu" tabIndex={-1}>
        {problem ? (
          <p className="refusal" role="alert">
            La console n’a pas pu démarrer : {problem}
          </p>
        ) : !config ? (
          <p>Chargement…</p>
        ) : !session || !client ? (
          <Login config={config} onSession={setSession} onProblem={setProblem} />
        ) : (
          <Provider value={client}>
            <Space session={session} />
          </Provider>
        )}
      </main>
    </>
  );
}

function Space({ session }: { session: Session }) {
  const space = spaceOf(session.roles);
  if (!space)
    return <p role="alert">Votre rôle ({session.roles.join(', ') || 'aucun'}) n’a pas d’espace dans cette console.</p>;
  return (
    <>
      <h1>{SPACE_LABELS[space]}</h1>
      {space === 'bailleur' ? (
        <LandlordPage />
      ) : space === 'association' ? (
        <AssociationPage />
      ) : space === 'mandataire' ? (
        <MjpmPage />
      ) : (
        <StaffPage roles={session.roles} />
      )}
    </>
  );
}

function Login({
  config,
  onSession,
  onProblem,
}: {
  config: ConsoleConfig;
  onSession: (s: Session) => void;
  onProblem: (p: string) => void;
}) {
  const callers = Object.keys(config.devCallers ?? {});
  const [chosen, setChosen] = useState(callers[0] ?? '');
  const oidc = config.oidc;
  return (
    <section aria-labelledby="login-title" className="login">
      <h1 id="login-title">Connexion</h1>
      {oidc ? (
        <p>
          <button
            type="button"
            onClick={() =>
              authorizationUrl(oidc.issuer, oidc.clientId, oidc.scope)
                .then((url) => window.location.assign(url.toString()))
                .catch((e: Error) => onProblem(e.message))
            }
          >
            Se connecter avec le fournisseur d’identité
          </button>
        </p>
      ) : null}
      {callers.length ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSession(sessionOf(config.devCallers![chosen], chosen));
          }}
        >
          <p className="note">Développement : choisissez un appelant de démonstration (les jetons de l’explorateur).</p>
          <label htmlFor="caller">Appelant de démonstration</label>
          <select id="caller" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            {callers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <button type="submit">Se connecter</button>
        </form>
      ) : null}
      {!oidc && !callers.length ? (
        <p role="alert">Aucun moyen de connexion configuré : OIDC_ISSUER et CONSOLE_OIDC_CLIENT_ID côté passerelle.</p>
      ) : null}
    </section>
  );
}

/**
 * The initial bundle (issue 13 items 1 and 7): React and this shell only. It asks GET /api/auth/me once;
 * signed out, it shows the sign-in form at once (no react-admin, no MUI: plain elements), while the console
 * (react-admin, App.tsx) loads in the background; signed in — now or after the form — it renders the
 * console. Signing out inside the console shows react-admin's own login page, as before.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { preloadable } from './preloadable';
import { FONT_STACK } from '../layout/fonts';
import { primeSession, type BootUser } from './session-cache';
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { bootData } from './boot-data';
import { LOCALE_KEY, readLang, type Lang } from './lang';

const loadApp = () => import('../App');

const Spinner = () => (
  <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center', color: '#666', fontFamily: FONT_STACK }}>…</div>
);

const App = preloadable(() => loadApp().then((m) => m.App), <Spinner />);

// Signed in per index.html (server/http/web-app.ts): no GET /api/auth/me, and the console's code starts
// loading now, before the shell first renders.
const booted = bootData().user;
if (booted && !booted.must_change_password) {
  primeSession(booted);
  void App.preload();
}

const TEXT = {
  zh: { title: 'GSP 管理控制台', username: '用户名', password: '密码', signIn: '登录', failed: '登录失败，请重试', other: 'English' },
  en: { title: 'GSP Console', username: 'Username', password: 'Password', signIn: 'Sign in', failed: 'Sign-in failed, please try again', other: '中文' },
} as const;

const field = {
  display: 'block',
  width: '100%',
  boxSizing: 'border-box',
  padding: '10px 12px',
  margin: '6px 0 14px',
  fontSize: 15,
  fontFamily: 'inherit',
  border: '1px solid #bbb',
  borderRadius: 4,
} as const;

const SignIn = ({ onSignedIn }: { onSignedIn: (user: BootUser) => void }) => {
  const [lang, setLang] = useState<Lang>(readLang);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = TEXT[lang];
  useEffect(() => {
    document.title = t.title;
  }, [t]);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body?.message || t.failed);
      onSignedIn(body as BootUser);
    } catch (err) {
      setError((err as Error).message || t.failed);
      setBusy(false);
    }
  };
  const switchLang = () => {
    const next: Lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem(LOCALE_KEY, JSON.stringify(next));
    setLang(next);
  };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #1e3c72, #2a5298)',
        fontFamily: FONT_STACK,
      }}
    >
      <form
        onSubmit={submit}
        data-testid="boot-login"
        style={{ width: 320, background: '#fff', borderRadius: 8, padding: '28px 28px 16px', boxShadow: '0 4px 24px rgba(0,0,0,.25)' }}
      >
        <h1 style={{ fontSize: 20, fontWeight: 600, textAlign: 'center', margin: '0 0 20px' }}>{t.title}</h1>
        <label style={{ fontSize: 13, color: '#555' }}>
          {t.username}
          {/* biome-ignore lint/a11y/noAutofocus: the sign-in page has one thing to do: type the user name */}
          <input name="username" autoComplete="username" required autoFocus style={field} />
        </label>
        <label style={{ fontSize: 13, color: '#555' }}>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required style={field} />
        </label>
        {error && (
          <div role="alert" style={{ color: '#d32f2f', fontSize: 13, marginBottom: 10 }}>
            {error}
          </div>
        )}
        <button
          type="submit"
          disabled={busy}
          style={{
            width: '100%',
            padding: '10px 0',
            fontSize: 15,
            color: '#fff',
            background: busy ? '#90a4c8' : '#1976d2',
            border: 0,
            borderRadius: 4,
            cursor: 'pointer',
            fontFamily: 'inherit',
          }}
        >
          {t.signIn}
        </button>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <button
            type="button"
            onClick={switchLang}
            style={{ background: 'none', border: 0, color: '#1976d2', cursor: 'pointer', fontSize: 13, fontFamily: 'inherit' }}
          >
            {t.other}
          </button>
        </div>
      </form>
    </div>
  );
};

type State = 'checking' | 'signed-out' | 'must-change' | 'signed-in';

export const Boot = () => {
  const [state, setState] = useState<State>(booted ? (booted.must_change_password ? 'must-change' : 'signed-in') : 'checking');
  const [user, setUser] = useState<BootUser | null>(booted ?? null);
  // Signed in: the console, unless the password must be changed first (nothing else answers until then).
  const enter = (u: BootUser) => {
    setUser(u);
    if (u.must_change_password) return setState('must-change');
    primeSession(u);
    void loadApp().then((m) => m.prefetchSignedIn());
    setState('signed-in');
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on the first load of the page
  useEffect(() => {
    void App.preload(); // the console's code loads while the server answers or the user types
    if (booted) return;
    fetch('/api/auth/me', { credentials: 'include', headers: { Accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) return setState('signed-out');
        enter((await res.json()) as BootUser);
      })
      .catch(() => setState('signed-out'));
  }, []);
  if (state === 'checking') return <Spinner />;
  if (state === 'must-change' && user) {
    return (
      <ForcedPasswordChange
        user={user}
        lang={readLang()}
        onChanged={() => enter({ ...user, must_change_password: false })}
        onSignedOut={() => setState('signed-out')}
      />
    );
  }
  if (state === 'signed-out') {
    return (
      <SignIn
        onSignedIn={(u) => {
          if (/^#\/login/.test(window.location.hash)) window.location.hash = '#/';
          enter(u);
        }}
      />
    );
  }
  return <App.Component />;
};

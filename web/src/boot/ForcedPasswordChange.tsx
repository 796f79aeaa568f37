/**
 * The forced password change (users.must_change_password: the first start's accounts, an admin's reset or
 * request): right after sign-in, before the console, a dialog that cannot be dismissed — the server answers
 * nothing else until the password is changed (server/auth/password-change.ts). Plain elements like the
 * sign-in form: part of the initial bundle, no react-admin.
 */
import { useState, type FormEvent } from 'react';
import { FONT_STACK } from '../layout/fonts';
import type { BootUser } from './session-cache';

type Lang = 'zh' | 'en';
const TEXT = {
  zh: {
    title: '请修改密码',
    why: '您的密码是初始密码或由管理员设置，继续使用前必须设置一个只有您知道的新密码。',
    current: '当前密码',
    next: '新密码',
    confirm: '确认新密码',
    help: '至少 10 位，按输入原样保存；不能是常见密码或用户名。',
    mismatch: '两次输入的新密码不一致',
    save: '修改密码',
    logout: '退出登录',
    failed: '修改失败，请重试',
  },
  en: {
    title: 'Change your password',
    why: 'Your password is an initial one or was set by an administrator: set a new one only you know before you continue.',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm new password',
    help: 'At least 10 characters, kept exactly as typed; not a common password nor the username.',
    mismatch: 'The two new passwords differ',
    save: 'Change password',
    logout: 'Sign out',
    failed: 'The change failed, please try again',
  },
} as const;

const input = {
  display: 'block',
  width: '100%',
  boxSizing: 'border-box',
  padding: '9px 12px',
  margin: '4px 0 12px',
  fontSize: 15,
  fontFamily: 'inherit',
  border: '1px solid #bbb',
  borderRadius: 4,
} as const;

export const ForcedPasswordChange = ({
  user,
  lang,
  onChanged,
  onSignedOut,
}: {
  user: BootUser;
  lang: Lang;
  onChanged: () => void;
  onSignedOut: () => void;
}) => {
  const t = TEXT[lang];
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (form.get('next') !== form.get('confirm')) return setError(t.mismatch);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/auth/password', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': lang },
        body: JSON.stringify({ current_password: form.get('current'), password: form.get('next') }),
      });
      const body = await res.json().catch(() => ({}));
      // the field's own message (a wrong current password, the policy) says more than the summary
      if (!res.ok) throw new Error(body?.errors?.current_password || body?.errors?.password || body?.message || t.failed);
      onChanged();
    } catch (err) {
      setError((err as Error).message || t.failed);
      setBusy(false);
    }
  };
  const signOut = async () => {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'include', headers: { Accept: 'application/json' } }).catch(() => undefined);
    onSignedOut();
  };
  const field = (name: string, label: string, autoComplete: string, help?: string) => (
    <label style={{ fontSize: 13, color: '#555', display: 'block' }}>
      {label}
      <input name={name} type="password" autoComplete={autoComplete} required data-testid={`forced-password-${name}`} style={input} />
      {help && <div style={{ fontSize: 12, color: '#777', marginTop: -8, marginBottom: 12 }}>{help}</div>}
    </label>
  );
  return (
    <div
      style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: 'rgba(30,60,114,.85)', fontFamily: FONT_STACK }}
    >
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="forced-password-title"
        onSubmit={submit}
        data-testid="forced-password-change"
        style={{ width: 380, background: '#fff', borderRadius: 8, padding: '24px 28px 16px', boxShadow: '0 4px 24px rgba(0,0,0,.25)' }}
      >
        <h1 id="forced-password-title" style={{ fontSize: 19, fontWeight: 600, margin: '0 0 8px' }}>
          {t.title}
        </h1>
        <p style={{ fontSize: 13, color: '#555', margin: '0 0 16px' }}>
          {user.display_name || user.username}：{t.why}
        </p>
        {field('current', t.current, 'current-password')}
        {field('next', t.next, 'new-password', t.help)}
        {field('confirm', t.confirm, 'new-password')}
        {error && (
          <div role="alert" data-testid="forced-password-error" style={{ color: '#d32f2f', fontSize: 13, marginBottom: 10 }}>
            {error}
          </div>
        )}
        <button
          type="submit"
          disabled={busy}
          data-testid="forced-password-save"
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
          {t.save}
        </button>
        <div style={{ textAlign: 'center', marginTop: 10 }}>
          <button
            type="button"
            onClick={signOut}
            style={{ background: 'none', border: 0, color: '#1976d2', cursor: 'pointer', fontSize: 13, fontFamily: 'inherit' }}
          >
            {t.logout}
          </button>
        </div>
      </form>
    </div>
  );
};

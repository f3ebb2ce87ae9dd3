import { type FormEvent, useState } from 'react';
import { api, type User } from '../api/client.ts';
import { useLocale } from '../i18n.ts';

export function SignInScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useLocale();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    // The answer's token is not kept: the HttpOnly cookie it also sets is the session.
    const { data, response } = await api.POST('/v1/auth/sign-in', {
      body: { email: String(form.get('email')), password: String(form.get('password')) },
    });
    setBusy(false);
    if (data) onSignedIn(data.user);
    else setError(response.status === 429 ? t.signInLimited : t.signInFailed);
  };
  return (
    <form className="card sign-in" onSubmit={(event) => void submit(event)}>
      <h1>{t.signIn}</h1>
      <label>
        {t.email}
        <input name="email" type="email" autoComplete="username" required dir="ltr" />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autoComplete="current-password" required dir="ltr" />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t.signIn}
      </button>
    </form>
  );
}

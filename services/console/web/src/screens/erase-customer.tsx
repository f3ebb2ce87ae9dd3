import { type FormEvent, useRef, useState } from 'react';
import { api, describeProblem } from '../api/client.ts';
import { formatNumber, useLocale } from '../i18n.ts';

interface Erasable {
  readonly customerId: string;
  readonly displayName: string | null;
  readonly identifiers: readonly unknown[];
  readonly channels: readonly { interactions: number }[];
  readonly openConversations: readonly unknown[];
  readonly merged: readonly unknown[];
}

/**
 * Erasure, for admins: a dialog that names what will be destroyed (from the profile shown) and
 * asks for the customer's name typed out before the button works. The hub shreds the customer's
 * key: every copy of their words, in the log and in every view, becomes unreadable.
 */
export function EraseCustomer({ profile, onErased }: { profile: Erasable; onErased: () => void }) {
  const { t, locale } = useLocale();
  const dialog = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const name = profile.displayName ?? profile.customerId.slice(0, 8);
  const contacts = profile.channels.reduce((sum, c) => sum + c.interactions, 0);
  const n = (count: number) => formatNumber(locale, count);

  const erase = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    const { response, error } = await api.DELETE('/v1/customers/{id}', {
      params: { path: { id: profile.customerId }, query: reason ? { reason } : {} },
    });
    if (response.ok) {
      dialog.current?.close();
      onErased();
    } else setProblem(describeProblem(error).detail || t.error);
  };

  return (
    <>
      <button type="button" className="danger erase-open" onClick={() => dialog.current?.showModal()}>
        {t.erase}
      </button>
      <dialog ref={dialog} className="erase" aria-labelledby="erase-title">
        <form method="dialog" onSubmit={(e) => void erase(e)}>
          <h2 id="erase-title">{t.eraseTitle}</h2>
          <p>{t.eraseWhat}</p>
          <ul>
            <li>{t.eraseIdentifiers(n(profile.identifiers.length))}</li>
            <li>{t.eraseContacts(n(contacts))}</li>
            <li>{t.eraseConversations(n(profile.openConversations.length))}</li>
            {profile.merged.length > 0 && <li>{t.mergedCount(n(profile.merged.length))}</li>}
          </ul>
          <p className="warning">{t.eraseKept}</p>
          <label>
            {t.eraseReason}
            <input name="reason" maxLength={1024} dir="auto" />
          </label>
          <label>
            {t.eraseType(name)}
            <input name="confirm" value={typed} onChange={(e) => setTyped(e.currentTarget.value)} dir="auto" />
          </label>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <p className="actions">
            <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
              {t.cancel}
            </button>{' '}
            <button type="submit" className="danger" disabled={typed.trim() !== name}>
              {t.eraseNow}
            </button>
          </p>
        </form>
      </dialog>
    </>
  );
}

import { useEffect, useState } from 'react';
import { api, type User } from '../api/client.ts';
import { useLocale } from '../i18n.ts';

type PresenceState = 'available' | 'busy' | 'away';

/** The agent's own presence: routing gives new conversations only to agents available. */
export function Presence({ me }: { me: User }) {
  const { t } = useLocale();
  const [presence, setPresence] = useState<PresenceState | undefined>();
  // Analysts take no conversations: they have no presence to set, and the API refuses them the list.
  const routed = me.role !== 'analyst';
  useEffect(() => {
    if (!routed) return;
    void api.GET('/v1/presence').then(({ data }) => {
      setPresence(data?.agents.find((agent) => agent.userId === me.userId)?.presence ?? 'away');
    });
  }, [me.userId, routed]);
  if (!routed || presence === undefined) return null;
  return (
    <label className="presence">
      <span className="visually-hidden">{t.presence}</span>
      <select
        value={presence}
        data-presence={presence}
        onChange={async (event) => {
          const next = event.target.value as PresenceState;
          const { response } = await api.PUT('/v1/me/presence', { body: { presence: next } });
          if (response.ok) setPresence(next);
        }}
      >
        {(['available', 'busy', 'away'] as const).map((p) => (
          <option key={p} value={p}>
            {t.presences[p]}
          </option>
        ))}
      </select>
    </label>
  );
}

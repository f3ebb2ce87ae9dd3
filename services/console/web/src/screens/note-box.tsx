import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { type Colleague, useColleagues } from '../colleagues.ts';
import { useLocale } from '../i18n.ts';
import type { ChangeAnswer } from './conversation.tsx';

/** The word being typed at the caret when it is a mention (`@mar`), with where it starts. */
export function mentionAt(text: string, caret: number): { start: number; prefix: string } | undefined {
  const match = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  if (!match) return undefined;
  const prefix = match[2] ?? '';
  return { start: caret - prefix.length - 1, prefix };
}

/**
 * An internal note. Typing `@` offers the colleagues to mention (the API tells each one by their
 * handle); a pick, by click or Enter, writes `@handle `.
 */
export function NoteBox(props: { conversationId: string; onDone: (answer: ChangeAnswer) => Promise<void> }) {
  const { t } = useLocale();
  const colleagues = useColleagues();
  const [mention, setMention] = useState<{ start: number; prefix: string } | undefined>();
  const [active, setActive] = useState(0);
  const text = useRef<HTMLTextAreaElement>(null);

  const suggestions = mention
    ? colleagues
        .filter(
          (c) =>
            c.handle.startsWith(mention.prefix.toLowerCase()) ||
            c.displayName.toLowerCase().includes(mention.prefix.toLowerCase()),
        )
        .slice(0, 6)
    : [];

  const follow = () => {
    const box = text.current;
    if (!box) return;
    setMention(mentionAt(box.value, box.selectionStart));
    setActive(0);
  };

  const pick = (colleague: Colleague) => {
    const box = text.current;
    if (!box || !mention) return;
    const before = box.value.slice(0, mention.start);
    const after = box.value.slice(mention.start + 1 + mention.prefix.length);
    box.value = `${before}@${colleague.handle} ${after}`;
    const caret = before.length + colleague.handle.length + 2;
    box.setSelectionRange(caret, caret);
    box.focus();
    setMention(undefined);
  };

  const onKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (suggestions.length === 0) return;
    if (event.key === 'ArrowDown') setActive((i) => (i + 1) % suggestions.length);
    else if (event.key === 'ArrowUp') setActive((i) => (i - 1 + suggestions.length) % suggestions.length);
    else if (event.key === 'Enter' || event.key === 'Tab') {
      const chosen = suggestions[active];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape') setMention(undefined);
    else return;
    event.preventDefault();
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const words = String(new FormData(form).get('text') ?? '').trim();
    if (!words) return;
    const answer = await api.POST('/v1/conversations/{id}/notes', {
      params: { path: { id: props.conversationId } },
      body: { text: words },
    });
    if (answer.response.ok) {
      form.reset();
      setMention(undefined);
    }
    await props.onDone(answer);
  };

  const listId = `mentions-${props.conversationId}`;
  return (
    <form className="composer note" onSubmit={(e) => void submit(e)}>
      <label>
        {t.note}
        <textarea
          ref={text}
          name="text"
          rows={2}
          placeholder={t.notePlaceholder}
          dir="auto"
          aria-describedby={`${listId}-hint`}
          aria-controls={listId}
          aria-expanded={suggestions.length > 0}
          aria-autocomplete="list"
          aria-activedescendant={suggestions.length > 0 ? `${listId}-${active}` : undefined}
          role="combobox"
          onInput={follow}
          onClick={follow}
          onKeyDown={onKey}
        />
      </label>
      <p id={`${listId}-hint`} className="muted small">
        {t.mentionHint}
      </p>
      {suggestions.length > 0 && (
        <div id={listId} className="mentions" role="listbox" aria-label={t.mention}>
          {suggestions.map((c, i) => (
            <div
              key={c.userId}
              id={`${listId}-${i}`}
              tabIndex={-1}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
            >
              <bdi>{c.displayName}</bdi> <span className="muted">@{c.handle}</span>
            </div>
          ))}
        </div>
      )}
      <button type="submit" className="send">
        {t.addNote}
      </button>
    </form>
  );
}

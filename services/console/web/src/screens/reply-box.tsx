import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { api, type ReplyChannel } from '../api/client.ts';
import { useLocale } from '../i18n.ts';
import type { ChangeAnswer } from './conversation.tsx';

type Option = { channel: ReplyChannel; recipient: string; default: boolean };
/** Channels whose recipient means something to an agent (an address, a number); a chat's is an id. */
const addressed = new Set<string>(['email', 'phone']);
type Canned = { cannedResponseId: string; shortcut: string; title: string };

/**
 * The reply: which way it goes (the customer's channel by default, or another way they wrote in),
 * a canned response filled in for this conversation to edit before sending, and files (email only).
 */
export function ReplyBox(props: {
  conversationId: string;
  revision: number;
  onDone: (answer: ChangeAnswer) => Promise<void>;
}) {
  const { t } = useLocale();
  const { conversationId } = props;
  const [options, setOptions] = useState<Option[]>([]);
  const [channel, setChannel] = useState<ReplyChannel | undefined>();
  const [canned, setCanned] = useState<Canned[]>([]);
  const [refused, setRefused] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const text = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void api
      .GET('/v1/conversations/{id}/reply-options', { params: { path: { id: conversationId } } })
      .then(({ data }) => {
        setOptions(data?.options ?? []);
        setChannel(data?.options[0]?.channel);
      });
    void api.GET('/v1/canned-responses').then(({ data }) => setCanned([...(data?.cannedResponses ?? [])]));
  }, [conversationId]);

  /** A canned response, its placeholders filled for this conversation, put in the box to edit. */
  const insertCanned = async (event: ChangeEvent<HTMLSelectElement>) => {
    const cannedResponseId = event.currentTarget.value;
    event.currentTarget.value = '';
    if (!cannedResponseId || !text.current) return;
    const { data } = await api.POST('/v1/canned-responses/preview', { body: { conversationId, cannedResponseId } });
    if (data && text.current) {
      text.current.value = data.text;
      text.current.focus();
    }
  };

  /** Each file uploaded first (its bytes with their type), then named in the reply. */
  const upload = async (files: File[]) => {
    const uploaded: { id: string; filename: string }[] = [];
    for (const file of files) {
      const { data } = await api.POST('/v1/attachments', {
        params: { query: { filename: file.name } },
        body: file as unknown as string,
        bodySerializer: (body: unknown) => body as BodyInit,
        headers: { 'content-type': file.type || 'application/octet-stream' },
      });
      if (!data) {
        setRefused(t.attachRefused(file.name));
        return undefined;
      }
      uploaded.push({ id: data.id, filename: data.filename });
    }
    return uploaded;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const words = String(data.get('text') ?? '').trim();
    if (!words || sending) return;
    setRefused(undefined);
    setSending(true);
    try {
      const files = data.getAll('files').filter((f): f is File => f instanceof File && f.size > 0);
      const attachments = channel === 'email' ? await upload(files) : [];
      if (!attachments) return;
      const answer = await api.POST('/v1/conversations/{id}/replies', {
        params: { path: { id: conversationId } },
        body: {
          text: words,
          revision: props.revision,
          ...(channel ? { channel } : {}),
          attachments,
          html: null,
        },
      });
      if (answer.response.ok) form.reset();
      await props.onDone(answer);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="composer reply" onSubmit={(e) => void submit(e)}>
      <div className="reply-tools">
        <label>
          {t.sendTo}{' '}
          <select
            name="channel"
            value={channel ?? ''}
            onChange={(e) => setChannel(e.currentTarget.value as ReplyChannel)}
            disabled={options.length < 2}
          >
            {options.map((o) => (
              <option key={o.channel} value={o.channel}>
                {t.replyVia[o.channel] ?? o.channel}
                {addressed.has(o.channel) ? ` · ${o.recipient}` : ''}
              </option>
            ))}
          </select>
        </label>
        {canned.length > 0 && (
          <label>
            <span className="visually-hidden">{t.canned}</span>
            <select name="canned" defaultValue="" onChange={(e) => void insertCanned(e)}>
              <option value="">{t.cannedNone}</option>
              {canned.map((c) => (
                <option key={c.cannedResponseId} value={c.cannedResponseId}>
                  {c.shortcut} · {c.title}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label>
        {t.reply}
        <textarea ref={text} name="text" rows={3} placeholder={t.replyPlaceholder} dir="auto" />
      </label>
      {channel === 'email' ? (
        <label className="files">
          {t.attach}
          <input type="file" name="files" multiple />
        </label>
      ) : (
        options.length > 0 && <p className="muted small">{t.attachEmailOnly}</p>
      )}
      {refused && (
        <p className="error" role="alert">
          {refused}
        </p>
      )}
      <button type="submit" className="send" disabled={sending}>
        {t.send}
      </button>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { useAdminLocale } from '../../i18n-admin.ts';
import { fieldsOf, Hinted, NotReady, type Outcome, OutcomeLine, outcomeOf, useAdminData } from './admin-shared.tsx';

type Canned =
  paths['/v1/canned-responses']['get']['responses'][200]['content']['application/json']['cannedResponses'][number];
type Fields = paths['/v1/canned-responses']['post']['requestBody']['content']['application/json'];
type Conversation = paths['/v1/inbox']['get']['responses'][200]['content']['application/json']['conversations'][number];

/** Canned responses: the replies every agent picks by shortcut, with their placeholders filled in. */
export function CannedResponsesScreen() {
  const { a } = useAdminLocale();
  const { loaded, reload } = useAdminData(() => api.GET('/v1/canned-responses'));
  const open = useAdminData(() => api.GET('/v1/inbox', { params: { query: { status: 'open', limit: 20 } } })).loaded;
  const conversations = open.state === 'ready' ? open.data.conversations : [];
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const report = (next: Outcome) => {
    setOutcome(next);
    reload();
  };
  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const answer = await api.POST('/v1/canned-responses', { body: cannedFields(form) });
    if (answer.response.ok) form.reset();
    report(outcomeOf(a, answer, a.saved));
  };
  return (
    <>
      <h2>{a.sections['canned-responses']}</h2>
      <OutcomeLine outcome={outcome} />
      {loaded.state !== 'ready' ? (
        <NotReady loaded={loaded} />
      ) : (
        <>
          {loaded.data.cannedResponses.length === 0 && <p className="muted">{a.noCanned}</p>}
          <ul className="rows admin-list" aria-label={a.sections['canned-responses']}>
            {loaded.data.cannedResponses.map((canned) => (
              <CannedRow
                key={canned.cannedResponseId}
                canned={canned}
                conversations={conversations}
                onChanged={report}
              />
            ))}
          </ul>
          <form className="card admin-form" onSubmit={(event) => void create(event)}>
            <h3>{a.newCanned}</h3>
            <CannedFields />
            <button type="submit">{a.create}</button>
          </form>
        </>
      )}
    </>
  );
}

const cannedFields = (form: HTMLFormElement): Fields => {
  const field = fieldsOf(form);
  return { shortcut: field('shortcut'), title: field('title'), text: field('text') };
};

function CannedFields({ canned }: { canned?: Canned }) {
  const { a } = useAdminLocale();
  return (
    <>
      <label>
        {a.shortcut}
        <input name="shortcut" required maxLength={64} defaultValue={canned?.shortcut ?? ''} dir="auto" />
      </label>
      <label>
        {a.title}
        <input name="title" required maxLength={200} defaultValue={canned?.title ?? ''} dir="auto" />
      </label>
      <Hinted label={a.text} hint={a.placeholders}>
        {(control) => (
          <textarea
            name="text"
            required
            rows={4}
            maxLength={20000}
            defaultValue={canned?.text ?? ''}
            dir="auto"
            {...control}
          />
        )}
      </Hinted>
    </>
  );
}

function CannedRow({
  canned,
  conversations,
  onChanged,
}: {
  canned: Canned;
  conversations: readonly Conversation[];
  onChanged: (outcome: Outcome) => void;
}) {
  const { a } = useAdminLocale();
  const [mode, setMode] = useState<'show' | 'edit' | 'confirm-delete'>('show');
  const [preview, setPreview] = useState<string | undefined>();
  const path = { params: { path: { id: canned.cannedResponseId } } };
  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const answer = await api.PUT('/v1/canned-responses/{id}', { ...path, body: cannedFields(event.currentTarget) });
    if (answer.response.ok) setMode('show');
    onChanged(outcomeOf(a, answer, a.saved));
  };
  const remove = async () => {
    const answer = await api.DELETE('/v1/canned-responses/{id}', path);
    onChanged(outcomeOf(a, answer, a.deleted));
  };
  const showPreview = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const conversationId = fieldsOf(event.currentTarget)('conversationId');
    const answer = await api.POST('/v1/canned-responses/preview', {
      body: { conversationId, cannedResponseId: canned.cannedResponseId },
    });
    setPreview(answer.data?.text ?? outcomeOf(a, answer, '').text);
  };
  if (mode === 'edit')
    return (
      <li className="row admin-row" data-canned={canned.shortcut}>
        <form className="admin-form" onSubmit={(event) => void save(event)}>
          <CannedFields canned={canned} />
          <div className="admin-actions">
            <button type="submit">{a.save}</button>
            <button type="button" className="quiet" onClick={() => setMode('show')}>
              {a.cancel}
            </button>
          </div>
        </form>
      </li>
    );
  return (
    <li className="row admin-row" data-canned={canned.shortcut}>
      <div className="admin-row-head">
        <code>
          <bdi>{canned.shortcut}</bdi>
        </code>
        <strong>
          <bdi>{canned.title}</bdi>
        </strong>
      </div>
      <p className="admin-text" dir="auto">
        {canned.text}
      </p>
      <div className="admin-actions">
        <button type="button" className="quiet" onClick={() => setMode('edit')}>
          {a.edit}
        </button>
        {mode === 'confirm-delete' ? (
          <>
            <button type="button" className="danger" onClick={() => void remove()}>
              {a.confirmDelete}
            </button>
            <button type="button" className="quiet" onClick={() => setMode('show')}>
              {a.cancel}
            </button>
          </>
        ) : (
          <button type="button" className="quiet" onClick={() => setMode('confirm-delete')}>
            {a.deleteCanned}
          </button>
        )}
        {conversations.length === 0 ? (
          <span className="muted">{a.noConversationToPreview}</span>
        ) : (
          <form className="inline" onSubmit={(event) => void showPreview(event)}>
            <select name="conversationId" aria-label={a.previewWith}>
              {conversations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.customerName ?? c.subject ?? c.id}
                </option>
              ))}
            </select>
            <button type="submit" className="quiet">
              {a.preview}
            </button>
          </form>
        )}
      </div>
      {preview !== undefined && (
        <output className="admin-preview" aria-label={a.previewOf(canned.title)} dir="auto">
          {preview}
        </output>
      )}
    </li>
  );
}

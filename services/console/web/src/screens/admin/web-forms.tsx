import { api } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { type AdminMessages, useAdminLocale } from '../../i18n-admin.ts';
import { NotReady, useAdminData } from './admin-shared.tsx';

type WebForm = paths['/v1/web-forms']['get']['responses'][200]['content']['application/json']['forms'][number];
type FieldRole = keyof WebForm['fields'];
const fieldRoles = ['name', 'email', 'phone', 'message'] as const satisfies readonly FieldRole[];

/** A plain HTML form a site can paste: the hub's field names, the honeypot hidden from people. */
function embedOf(a: AdminMessages, form: WebForm, url: string): string {
  const inputs = fieldRoles.flatMap((role) => {
    const name = form.fields[role];
    if (!name) return [];
    const label = a.fieldNames[role] ?? role;
    if (role === 'message') return [`  <label>${label} <textarea name="${name}"></textarea></label>`];
    const type = role === 'email' ? 'email' : role === 'phone' ? 'tel' : 'text';
    return [`  <label>${label} <input type="${type}" name="${name}"></label>`];
  });
  const honeypot = form.honeypot
    ? [`  <input name="${form.honeypot}" style="display:none" tabindex="-1" autocomplete="off">`]
    : [];
  return [
    `<form action="${url}" method="post">`,
    ...inputs,
    ...honeypot,
    `  <button type="submit">${a.submit}</button>`,
    '</form>',
  ].join('\n');
}

/** The web forms the hub accepts, read-only (they are configuration), with how to embed each. */
export function WebFormsScreen() {
  const { a } = useAdminLocale();
  const { loaded } = useAdminData(() => api.GET('/v1/web-forms'));
  return (
    <>
      <h2>{a.sections['web-forms']}</h2>
      <p className="muted">{a.formsIntro}</p>
      {loaded.state !== 'ready' ? (
        <NotReady loaded={loaded} />
      ) : loaded.data.forms.length === 0 ? (
        <p className="muted">{a.noForms}</p>
      ) : (
        <div className="admin-cards">
          {loaded.data.forms.map((form) => (
            <WebFormCard key={form.formId} form={form} />
          ))}
        </div>
      )}
    </>
  );
}

function WebFormCard({ form }: { form: WebForm }) {
  const { a } = useAdminLocale();
  const url = new URL(form.endpoint, window.location.origin).href;
  return (
    <article className="card admin-form" data-web-form={form.formId}>
      <h3>
        <bdi dir="ltr">{form.formId}</bdi>
      </h3>
      <dl className="admin-facts">
        <dt>{a.endpoint}</dt>
        <dd>
          <code dir="ltr" className="admin-endpoint">
            POST {url}
          </code>
        </dd>
        <dt>{a.fields}</dt>
        <dd>
          <ul className="plain">
            {fieldRoles.flatMap((role) => {
              const name = form.fields[role];
              return name
                ? [
                    <li key={role}>
                      {a.fieldNames[role]}: <code dir="ltr">{name}</code>
                    </li>,
                  ]
                : [];
            })}
          </ul>
        </dd>
        {form.honeypot && (
          <>
            <dt>{a.honeypot}</dt>
            <dd>
              <code dir="ltr">{form.honeypot}</code>
            </dd>
          </>
        )}
        <dt>{a.thankYou}</dt>
        <dd>{form.thankYouUrl ? <bdi dir="ltr">{form.thankYouUrl}</bdi> : a.thankYouPage}</dd>
      </dl>
      <h4>{a.embed}</h4>
      {/* Wrapped, not scrolled: no region to reach by keyboard, no sideways scrolling on a phone. */}
      <pre className="admin-embed" dir="ltr">
        <code>{embedOf(a, form, url)}</code>
      </pre>
    </article>
  );
}

import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';

/** A web form as the forms file (`HUB_WEBFORMS_FILE`) declares it: which posted field is which. */
export interface DeclaredWebForm {
  readonly id: string;
  readonly fields: {
    readonly email?: string;
    readonly phone?: string;
    readonly name?: string;
    readonly message?: string;
  };
  readonly honeypot?: string;
  readonly thankYouUrl?: string;
}

export interface WebFormApiDependencies {
  /** The forms the gateway accepts posts for, as loaded at start. */
  readonly webForms: readonly DeclaredWebForm[];
}

const WebForm = z.object({
  formId: z.string(),
  fields: z
    .object({ email: z.string(), phone: z.string(), name: z.string(), message: z.string() })
    .partial()
    .meta({ description: 'the posted field names the hub reads as the email, phone, name and message' }),
  honeypot: z
    .string()
    .nullable()
    .meta({ description: 'a field people leave empty (hidden); filled, the post is dropped' }),
  thankYouUrl: z.string().nullable().meta({ description: 'where a browser goes after a post; null: a thank-you page' }),
  endpoint: z.string().meta({ description: 'the public path a page posts the form to' }),
});

const listSchema = {
  summary: 'The web forms the hub accepts posts for (settings:manage); configured in HUB_WEBFORMS_FILE',
  tags: ['intake'],
  security: security.agent,
  response: { 200: z.object({ forms: z.array(WebForm) }), ...problems(401, 403) },
};

/**
 * The declared web forms, read-only: they are configuration, changed in the forms file and read at
 * start. What a site needs to embed one and nothing more. Register inside the scope that authenticates.
 */
export async function registerWebFormRoutes(scope: FastifyInstance, deps: WebFormApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const forms = deps.webForms.map((form) => ({
    formId: form.id,
    fields: { ...form.fields },
    honeypot: form.honeypot ?? null,
    thankYouUrl: form.thankYouUrl ?? null,
    endpoint: `/v1/channels/webform/${encodeURIComponent(form.id)}`,
  }));
  app.get('/v1/web-forms', { onRequest: requirePermission('settings:manage'), schema: listSchema }, async () => ({
    forms,
  }));
}

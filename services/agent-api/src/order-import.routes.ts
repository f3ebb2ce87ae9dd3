import type { Readable } from 'node:stream';
import { type BuyerSettings, importOrdersCsv, MAX_ORDER_LINES, ORDER_CSV_COLUMNS, type OrderDesk } from '@hub/commerce';
import { HubError } from '@hub/errors';
import { problems, rawBody, security, type ZodTypeProvider } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';

const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const MAX_LISTED_ERRORS = 1000;

const ImportReport = z
  .object({
    rows: z.number().int().meta({ description: 'data rows read, the header not counted' }),
    orders: z.object({ created: z.number().int(), duplicates: z.number().int(), refused: z.number().int() }),
    errors: z
      .array(
        z.object({
          row: z.number().int().meta({ description: 'the record number, the header being row 1' }),
          line: z.number().int().meta({ description: 'the line the record starts on' }),
          orderId: z.string().nullable(),
          column: z.string().nullable(),
          reason: z.string(),
        }),
      )
      .meta({ description: `the first ${MAX_LISTED_ERRORS} errors in file order` }),
    errorsTotal: z.number().int(),
    errorsTruncated: z.boolean(),
    stoppedAt: z.string().nullable().meta({ description: 'why the read stopped early (an unclosed quote), if it did' }),
  })
  .meta({ id: 'OrderImportReport' });

/** The body as it arrives, refused with 413 at the first byte past the cap. */
async function* capped(body: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) {
      throw new HubError(
        'PAYLOAD_TOO_LARGE',
        `an order import is at most ${maxBytes} bytes; orders before the cut stand`,
      );
    }
    yield chunk;
  }
}

/**
 * `POST /v1/orders/import`: a CSV file read as it streams (bounded memory: one batch of orders at
 * a time), the orders read whole placed a batch at a time. Its own scope: only here is `text/csv` read, and as a
 * stream, not a buffer.
 */
export async function registerOrderImportRoute(
  scope: FastifyInstance,
  deps: BuyerSettings & { readonly desk: OrderDesk; readonly maxImportBytes?: number },
) {
  const maxBytes = deps.maxImportBytes ?? MAX_IMPORT_BYTES;
  await scope.register(async (importScope) => {
    const app = importScope.withTypeProvider<ZodTypeProvider>();
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('text/csv', (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > maxBytes) {
        done(new HubError('PAYLOAD_TOO_LARGE', `an order import is at most ${maxBytes} bytes`), undefined);
        return;
      }
      done(null, payload);
    });
    // An answer before the whole body was read (a bad header row, a refusal): the connection closes.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    app.post(
      '/v1/orders/import',
      {
        onRequest: requirePermission('orders:write'),
        schema: {
          tags: ['commerce'],
          security: security.agent,
          summary: `Import orders from CSV (up to ${maxBytes / 1024 / 1024} MB, streamed): one row per order line, an order's rows consecutive`,
          description:
            `Columns (header row first, any order): ${ORDER_CSV_COLUMNS.join(', ')}. At least one of the customer columns. ` +
            `An order with any bad row is written not at all; an order id already imported with the same content is a duplicate. ` +
            `At most ${MAX_ORDER_LINES} lines an order.`,
          consumes: ['text/csv'],
          body: rawBody('the CSV file'),
          response: { 200: ImportReport, ...problems(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const body = request.body as Readable | undefined;
        if (!body || typeof (body as Readable).on !== 'function') {
          throw new HubError('INVALID_INPUT', 'post the CSV file itself as the body, with Content-Type: text/csv');
        }
        return importOrdersCsv(deps.desk, capped(body, maxBytes), {
          actor: principalOf(request).actor,
          maxErrors: MAX_LISTED_ERRORS,
          defaultPhoneRegion: deps.defaultPhoneRegion,
          ...(deps.customerIdNetwork ? { customerIdNetwork: deps.customerIdNetwork } : {}),
        });
      },
    );
  });
}

/**
 * What the synchronous `POST /api/v1/bulk` and durable bulk jobs share: the request body (one
 * action on instances chosen by a filter or listed by id) and applying the action to one
 * instance.
 * @module
 */
import { z } from '@hono/zod-openapi';
import type { Client } from '../../client/client.js';
import type { InstanceQueryFilter } from '../../client/types.js';
import { InvalidInputError } from '../../core/errors/duroxide-error.js';

/** Most ids one request may list. */
export const MAX_BULK_IDS = 1000;

const BulkFilterSchema = z
  .strictObject({
    status: z.enum(['Running', 'Completed', 'Failed', 'ContinuedAsNew']).optional(),
    name: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    createdFrom: z.number().int().min(0).optional(),
    createdTo: z.number().int().min(0).optional(),
    updatedFrom: z.number().int().min(0).optional(),
    updatedTo: z.number().int().min(0).optional(),
    parentInstanceId: z.string().min(1).optional(),
    idPrefix: z.string().min(1).optional(),
  })
  .openapi('BulkFilter');

/** The fields of a bulk request; `limit` is added by each endpoint with its own bounds. */
export const BULK_FIELDS = {
  action: z.enum(['cancel', 'delete', 'prune', 'raise', 'restart']),
  filter: BulkFilterSchema.optional().openapi({
    description: 'the instance query filter; give this or instanceIds',
  }),
  instanceIds: z.array(z.string().min(1).max(256)).max(MAX_BULK_IDS).optional(),
  dryRun: z.boolean().optional(),
  reason: z.string().min(1).max(1024).optional(),
  force: z.boolean().optional().openapi({ description: 'delete: also running instances' }),
  keepLast: z
    .number()
    .int()
    .min(0)
    .optional()
    .openapi({ description: 'prune: keep this many executions' }),
  eventName: z.string().min(1).max(256).optional().openapi({ description: 'raise: required' }),
  data: z.unknown().optional(),
  version: z
    .string()
    .min(1)
    .optional()
    .openapi({ description: 'restart: version of the new execution' }),
};

export interface BulkRequest {
  readonly action: 'cancel' | 'delete' | 'prune' | 'raise' | 'restart';
  readonly filter?: InstanceQueryFilter | undefined;
  readonly instanceIds?: readonly string[] | undefined;
  readonly limit?: number | undefined;
  readonly dryRun?: boolean | undefined;
  readonly reason?: string | undefined;
  readonly force?: boolean | undefined;
  readonly keepLast?: number | undefined;
  readonly eventName?: string | undefined;
  readonly data?: unknown;
  readonly version?: string | undefined;
}

/** The rules the schema cannot say. @throws InvalidInputError */
export function checkBulkRequest(body: BulkRequest): void {
  if ((body.filter === undefined) === (body.instanceIds === undefined))
    throw new InvalidInputError('give exactly one of filter or instanceIds');
  if (body.action === 'raise' && body.eventName === undefined)
    throw new InvalidInputError("action 'raise' needs eventName");
}

/** One instance's failure within a bulk operation. */
export interface BulkFailure {
  readonly instanceId: string;
  readonly code: string;
  readonly detail: string;
}

/**
 * Applies the request's action to one instance as `actor`.
 * @throws DuroxideError when the instance cannot take it (recorded per instance by callers).
 */
export async function applyBulkAction(
  client: Client,
  body: BulkRequest,
  instanceId: string,
  actor: string,
): Promise<void> {
  switch (body.action) {
    case 'cancel':
      await client.getInstanceInfo(instanceId);
      return client.cancelInstance(
        instanceId,
        body.reason ?? `cancelled by ${actor} via a bulk operation`,
      );
    case 'delete':
      await client.deleteInstance(instanceId, body.force ?? false);
      return;
    case 'prune':
      await client.pruneExecutions(
        instanceId,
        body.keepLast === undefined ? {} : { keepLast: body.keepLast },
      );
      return;
    case 'raise':
      return client.raiseEvent(instanceId, body.eventName as string, body.data);
    case 'restart':
      await client.restartInstance(instanceId, {
        actor,
        timeoutMs: 0,
        ...(body.version !== undefined ? { version: body.version } : {}),
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      });
      return;
  }
}

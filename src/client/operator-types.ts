/**
 * The operator store's records as the Client hands them out (`client.operatorStore()`), for the
 * management server and other tools above the Client.
 * @module
 */
export type {
  BulkJobRecord,
  BulkJobState,
  OperatorStore,
  QueueStatRecord,
  StoredApiKeyRecord,
  WorkItemStateRecord,
} from '../providers/provider-records.js';

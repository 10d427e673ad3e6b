import { BotApiError, badRequest } from '../errors.ts';
import { optBool, optInt, optJson, optString, type Params } from '../params.ts';
import { type MethodHandler, ok } from '../state.ts';

function readAllowed(params: Params): string[] | undefined {
  const allowed = optJson(params, 'allowed_updates');
  if (allowed === undefined) return undefined;
  if (!Array.isArray(allowed)) throw badRequest("can't parse allowed_updates JSON array");
  return allowed.map(String);
}

/** getUpdates: offset confirms, limit 1-100, long polling up to `timeout` s; 409 while a webhook is set. */
export const getUpdates: MethodHandler = async ({ params, state, signal }) => {
  if (state.webhook.config) {
    throw new BotApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    );
  }
  state.updates.setAllowed(readAllowed(params));
  const limit = Math.min(100, Math.max(1, optInt(params, 'limit') ?? 100));
  const updates = await state.updates.poll({
    offset: optInt(params, 'offset') ?? 0,
    limit,
    timeoutSeconds: Math.max(0, optInt(params, 'timeout') ?? 0),
    signal,
  });
  return ok(updates);
};

/** setWebhook: any http(s) URL (the fake does not insist on ports 443/80/88/8443); empty url removes it. */
export const setWebhook: MethodHandler = ({ params, state }) => {
  const url = optString(params, 'url') ?? '';
  if (url === '') return deleteWebhook({ params, state, signal: new AbortController().signal });
  if (!/^https?:\/\/[^/\s]+/.test(url)) throw badRequest('invalid webhook URL specified');
  const secretToken = optString(params, 'secret_token');
  if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
    throw badRequest('secret token contains unallowed characters');
  }
  const maxConnections = optInt(params, 'max_connections') ?? 40;
  if (maxConnections < 1 || maxConnections > 100) throw badRequest('invalid max_connections specified');
  if (optBool(params, 'drop_pending_updates')) state.updates.dropPending();
  state.updates.setAllowed(readAllowed(params));
  const ipAddress = optString(params, 'ip_address');
  const unchanged = state.webhook.config?.url === url;
  state.webhook.config = {
    url,
    maxConnections,
    ...(secretToken ? { secretToken } : {}),
    ...(ipAddress ? { ipAddress } : {}),
  };
  state.webhook.lastError = undefined;
  state.webhook.kick();
  return ok(true, unchanged ? 'Webhook is already set' : 'Webhook was set');
};

/** deleteWebhook: switches back to getUpdates; `drop_pending_updates` discards the backlog. */
export const deleteWebhook: MethodHandler = ({ params, state }) => {
  if (optBool(params, 'drop_pending_updates')) state.updates.dropPending();
  const wasSet = state.webhook.config !== undefined;
  state.webhook.config = undefined;
  state.webhook.lastError = undefined;
  return ok(true, wasSet ? 'Webhook was deleted' : 'Webhook is already deleted');
};

/** getWebhookInfo: url ('' in polling mode), pending_update_count, last error of automatic delivery. */
export const getWebhookInfo: MethodHandler = ({ state }) => {
  const config = state.webhook.config;
  const allowed = state.updates.allowedUpdates();
  const lastError = state.webhook.lastError;
  return ok({
    url: config?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: state.updates.peek().length,
    ...(config ? { max_connections: config.maxConnections } : {}),
    ...(config?.ipAddress ? { ip_address: config.ipAddress } : {}),
    ...(config && allowed ? { allowed_updates: allowed } : {}),
    ...(lastError ? { last_error_date: lastError.date, last_error_message: lastError.message } : {}),
  });
};

/**
 * docs/architecture.md, "What stored means": "API tests check GET after each 2xx". After every successful write the
 * test client reads the resource back and compares it with the answer, so an answer that was not
 * stored fails the test that got it, whatever that test meant to check.
 */

type Read = (url: string) => Promise<{ status: number; body: any }>;

const ID = '[0-9a-f-]{36}';
const match = (url: string, pattern: string) =>
  new RegExp(`^${pattern.replace(/:id/g, `(${ID})`)}$`).exec(url.split('?')[0]!);

/** Fields an answer carries that the resource itself does not (notices of what was left undone). */
const withoutNotices = ({ notices: _notices, ...rest }: Record<string, unknown>) => rest;

async function allHistory(read: Read, contractId: string) {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: any } = await read(
      `/v1/contracts/${contractId}/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** What the re-read found wrong, or an empty list. */
export async function rereadProblems(
  read: Read,
  method: string,
  url: string,
  status: number,
  body: any,
  sent: any,
): Promise<string[]> {
  if (status < 200 || status >= 300 || method === 'GET') return [];
  const problems: string[] = [];
  const same = async (getUrl: string, expected: unknown) => {
    const got = await read(getUrl);
    if (got.status !== 200) problems.push(`GET ${getUrl} answered ${got.status} after the write`);
    else if (JSON.stringify(got.body) !== JSON.stringify(expected))
      problems.push(
        `GET ${getUrl} differs from the answer:\n  answer ${JSON.stringify(expected)}\n  stored ${JSON.stringify(got.body)}`,
      );
  };
  const gone = async (getUrl: string) => {
    const got = await read(getUrl);
    if (got.status !== 404) problems.push(`GET ${getUrl} answered ${got.status} after the delete`);
  };
  let m: RegExpExecArray | null;

  if (method === 'DELETE') {
    if ((m = match(url, '/v1/contracts/:id/products/:id'))) {
      const items = (await read(`/v1/contracts/${m[1]}/products`)).body.items as { id: string }[];
      if (items.some((item) => item.id === m![2]))
        problems.push(`the item ${m[2]} is still on the contract after its delete`);
    } else if ((m = match(url, '/v1/api-keys/:id'))) {
      const keys = (await read('/v1/api-keys?limit=200')).body.items as { id: string }[];
      if (keys.some((key) => key.id === m![1])) problems.push(`the API key ${m[1]} is still listed after its delete`);
    } else if ((m = match(url, '/v1/negativations/:id'))) {
      // A removed negativation stays, for the history.
      const got = await read(url);
      if (got.body?.state !== 'removed') problems.push(`GET ${url} is not removed after its delete`);
    } else if (/^\/v1\/[a-z-]+\/[0-9a-f-]{36}$/.test(url)) await gone(url);
    return problems;
  }

  for (const resource of ['customers', 'products', 'contracts', 'sva-integrations', 'sva-users']) {
    if ((m = match(url, `/v1/${resource}`)) && method === 'POST') await same(`/v1/${resource}/${body.id}`, body);
    if ((m = match(url, `/v1/${resource}/:id`)) && method === 'PATCH') await same(url, body);
  }
  if ((m = match(url, '/v1/credit-integrations')) && method === 'POST') {
    const { webhookSecret: _shownOnce, ...integration } = body;
    await same(`/v1/credit-integrations/${body.id}`, integration);
  }
  if ((m = match(url, '/v1/credit-integrations/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/credit-consultations')) && method === 'POST')
    await same(`/v1/credit-consultations/${body.id}`, body);
  if ((m = match(url, '/v1/negativations')) && method === 'POST') await same(`/v1/negativations/${body.id}`, body);
  if ((m = match(url, '/v1/pbx')) && method === 'POST') {
    const { eventSecret: _shownOnce, ...pbx } = body;
    await same(`/v1/pbx/${body.id}`, pbx);
  }
  if ((m = match(url, '/v1/pbx/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/agents')) && method === 'POST') await same(`/v1/agents/${body.id}`, body);
  if ((m = match(url, '/v1/agents/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/calls/:id/contact'))) await same(`/v1/contacts/${body.id}`, body);
  if ((m = match(url, '/v1/contacts/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/opa-suite-integrations')) && method === 'POST')
    await same(`/v1/opa-suite-integrations/${body.id}`, body);
  if ((m = match(url, '/v1/opa-suite-integrations/:id')) && method === 'PATCH') await same(url, body);
  if (match(url, '/v1/notification-templates') && method === 'PUT') await same('/v1/notification-templates', body);
  if ((m = match(url, '/v1/contracts/:id/sva-users'))) await same(`/v1/sva-users/${body.id}`, body);
  if ((m = match(url, '/v1/contracts/:id/voip-lines'))) await same(`/v1/voip-lines/${body.id}`, body);
  if ((m = match(url, '/v1/voip-lines/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/contracts/:id/mvno-lines'))) await same(`/v1/mvno-lines/${body.id}`, body);
  if ((m = match(url, '/v1/mvno-lines/:id')) && method === 'PATCH') await same(url, body);
  if ((m = match(url, '/v1/sva-users/:id/(?:activate|deactivate)'))) await same(`/v1/sva-users/${m[1]}`, body);
  if ((m = match(url, '/v1/integration-deliveries/:id/retry'))) await same(`/v1/integration-deliveries/${m[1]}`, body);
  if (match(url, '/v1/settings/integrations') && (method === 'PUT' || method === 'PATCH')) {
    await same('/v1/settings/integrations', body);
    // A change that changed something is the last line of the history, with the answer as its after.
    let last: any;
    let cursor: string | null = null;
    do {
      const page: { body: any } = await read(
        `/v1/settings/integrations/history?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      );
      last = page.body.items.at(-1) ?? last;
      cursor = page.body.nextCursor;
    } while (cursor);
    if (
      body.version > 0 &&
      JSON.stringify(last?.after) !==
        JSON.stringify({
          voip: body.voip,
          mvno: body.mvno,
          creditAnalysis: body.creditAnalysis,
          communicationChannel: body.communicationChannel,
          pbx: body.pbx,
        })
    ) {
      problems.push(`the settings history does not end with the stored settings:\n  ${JSON.stringify(last?.after)}`);
    }
  }
  if ((m = match(url, '/v1/contracts/:id/charges'))) await same(`/v1/charges/${body.id}`, body);
  if ((m = match(url, '/v1/charges/:id/cancel'))) await same(`/v1/charges/${m[1]}`, body);
  if ((m = match(url, '/v1/charges/:id/payments'))) {
    // Payments made meanwhile by others may follow; the ones answered must all be stored.
    const stored = (await read(`/v1/charges/${m[1]}`)).body;
    const kept = new Set(stored.payments.map((p: { id: string }) => JSON.stringify(p)));
    if (!body.payments.every((p: unknown) => kept.has(JSON.stringify(p))) || stored.paidCents < body.paidCents) {
      problems.push(
        `the charge ${m[1]} does not hold the payments it answered:\n  answer ${JSON.stringify(body.payments)}\n  stored ${JSON.stringify(stored.payments)}`,
      );
    }
  }
  if (match(url, '/v1/settings/overdue-policy') && method === 'PUT') {
    await same('/v1/settings/overdue-policy', body);
    const { version: _v, updatedAt: _u, updatedBy: _b, ...policy } = body;
    const history = (await read('/v1/settings/overdue-policy/history?limit=200')).body.items;
    if (body.version > 0 && JSON.stringify(history.at(-1)?.after) !== JSON.stringify(policy))
      problems.push(`the overdue policy history does not end with the stored policy`);
  }
  if (match(url, '/v1/overdue/runs') && method === 'POST') {
    const runs = (await read('/v1/overdue/runs?limit=200')).body.items;
    if (!runs.some((run: { id: string }) => JSON.stringify(run) === JSON.stringify(body.run)))
      problems.push(`the run ${body.run.id} is not listed as answered`);
    for (const change of body.changes) {
      const contract = (await read(`/v1/contracts/${change.contractId}`)).body;
      const last = (await allHistory(read, change.contractId)).at(-1);
      if (contract.status !== change.to.status || contract.accessStatus !== change.to.accessStatus)
        problems.push(`the contract ${change.contractId} is not where the run says it moved it`);
      if (last?.reason !== change.reason || last?.actor !== 'system:overdue-policy')
        problems.push(`the history of ${change.contractId} does not end with the run's change`);
    }
  }
  if ((m = match(url, '/v1/contracts/:id/products'))) {
    const items = (await read(`/v1/contracts/${m[1]}/products`)).body.items as unknown[];
    const stored = JSON.stringify(withoutNotices(body));
    if (!items.some((item) => JSON.stringify(item) === stored))
      problems.push(`the item ${body.id} is not on the contract as answered`);
  }
  if ((m = match(url, '/v1/contracts/:id/events'))) {
    await same(`/v1/contracts/${m[1]}`, body.contract);
    const line = (await allHistory(read, m[1]!)).find((item) => item.id === body.event.id);
    if (JSON.stringify(line) !== JSON.stringify(body.event))
      problems.push(`the history of ${m[1]} does not hold the event as answered`);
  }
  if ((m = match(url, '/v1/contracts/bulk-events'))) {
    for (const contractId of body.applied as string[]) {
      const last = (await allHistory(read, contractId)).at(-1);
      if (last?.type !== sent.type)
        problems.push(`the history of ${contractId} does not end with the bulk '${sent.type}'`);
    }
  }
  if ((m = match(url, '/v1/api-keys')) && method === 'POST') {
    const keys = (await read('/v1/api-keys?limit=200')).body.items as { id: string }[];
    if (!keys.some((key) => key.id === body.id))
      problems.push(`the API key ${body.id} is not listed after its creation`);
  }
  return problems;
}

/*
 * `npm run demo`: the README's walkthroughs, run against a running Ponte with fresh data each
 * time (a new customer, a new EXA tenant), printing each step. KEY: an admin API key; API: where
 * Ponte listens (http://127.0.0.1:3000 by default). The second and third need the sandbox.
 */

const API = (process.env.API ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`).replace(/\/+$/, '');
const KEY = process.env.KEY ?? '';

type Json = Record<string, any>;

class DemoFailed extends Error {}

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  let response: Response;
  try {
    response = await fetch(`${API}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new DemoFailed(`Ponte does not answer at ${API}: start it with npm start (or set API to where it listens).`);
  }
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/** One step: the call, its status, and what it shows; a status other than the expected stops the demo. */
async function step(
  title: string,
  method: string,
  path: string,
  body: unknown,
  expected: number,
  show: (body: Json) => string,
): Promise<Json> {
  const answer = await call(method, path, body);
  const line = `  ${method.padEnd(6)} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) => `${id.slice(0, 8)}…`)}`;
  if (answer.status !== expected) {
    throw new DemoFailed(
      `${title}\n${line} → ${answer.status} (expected ${expected}): ${answer.body.code ?? ''} ${answer.body.detail ?? JSON.stringify(answer.body)}`,
    );
  }
  process.stdout.write(`• ${title}\n${line} → ${answer.status}  ${show(answer.body)}\n`);
  return answer.body;
}

const section = (title: string) => process.stdout.write(`\n${title}\n${'─'.repeat(title.length)}\n`);

/** A valid CPF that no earlier run used (random body, computed check digits). */
function freshCpf(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  if (new Set(digits).size === 1) digits[0] = (digits[0]! + 1) % 10;
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((total, digit, i) => total + digit * (length + 1 - i), 0);
    digits.push(((sum * 10) % 11) % 10);
  }
  const d = digits.join('');
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

const run = Date.now().toString(36);

async function contractLife() {
  section("1. A contract's life in seven calls");
  const customer = await step(
    'A customer, her CPF and phone written as people write them',
    'POST',
    '/v1/customers',
    { name: 'Maria Souza', document: freshCpf(), email: `maria.${run}@example.com`, mobilePhone: '(11) 91234-5678' },
    201,
    (c) => `${c.name}, document ${c.document}, mobile ${c.mobilePhone}`,
  );
  const contract = await step(
    'A contract for her',
    'POST',
    '/v1/contracts',
    { customerId: customer.id, billingDay: 10 },
    201,
    (c) => `${c.status} / ${c.accessStatus}, allowed: ${c.allowedEvents.join(', ')}`,
  );
  const events = [
    { type: 'activate' },
    { type: 'report_late_payment', mode: 'automatic' },
    { type: 'block', mode: 'automatic', reason: '15 days overdue' },
    { type: 'unblock', reason: 'paid' },
    { type: 'cancel', reason: 'moving away' },
  ];
  for (const event of events) {
    await step(
      `Event ${event.type}`,
      'POST',
      `/v1/contracts/${contract.id}/events`,
      event,
      201,
      (r) => `${r.contract.status} / ${r.contract.accessStatus}`,
    );
  }
  await step('Its history', 'GET', `/v1/contracts/${contract.id}/events`, undefined, 200, (page) =>
    page.items.map((e: Json) => e.type).join(' → '),
  );
  await step(
    'An event its state does not allow',
    'POST',
    `/v1/contracts/${contract.id}/events`,
    { type: 'unblock' },
    409,
    (p) => `${p.code}: ${p.detail}`,
  );
}

async function allPages(path: string): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: Json } = await call(
      'GET',
      `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...(page.body.items as Json[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

/** Waits until the dispatcher has carried out what the contract's SVA users and lines wait for. */
async function settled(contractId: string) {
  for (let tries = 0; tries < 100; tries += 1) {
    const targets = (
      await Promise.all(
        ['sva-users', 'voip-lines', 'mvno-lines'].map((kind) => allPages(`/v1/contracts/${contractId}/${kind}`)),
      )
    ).flat();
    if (targets.every((t) => t.syncStatus !== 'pending')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function platforms(contractUsers: string[]) {
  for (const platform of ['exa', 'saber-plus']) {
    const view = await call('GET', `/sandbox/${platform}/_sandbox/users`);
    const mine = (view.body.users as Json[]).filter((u) => contractUsers.includes(u.reference));
    process.stdout.write(
      `    ${String(view.body.platform).padEnd(7)} ${mine.map((u) => `${u.username}: ${u.status}`).join(', ') || '(no user of this contract)'}\n`,
    );
  }
}

async function svaInSandbox() {
  section('2. SVA platforms in the sandbox');
  if ((await call('GET', '/sandbox/exa/_sandbox/users')).status === 404) {
    process.stdout.write('The sandbox is off (DATABASE_URL without SANDBOX=on): this part needs it.\n');
    return;
  }
  const exa = await step(
    'An EXA integration that creates users automatically',
    'POST',
    '/v1/sva-integrations',
    {
      platform: 'exa',
      description: `EXA demo ${run}`,
      url: `${API}/sandbox/exa`,
      prefix: `demo-${run}`,
      autoCreateUsers: true,
    },
    201,
    (i) => `${i.platform}, credentials set: ${i.credentialsSet}`,
  );
  const saber =
    (await allPages('/v1/sva-integrations')).find((i) => i.platform === 'saber_plus') ??
    (await step(
      'A Saber+ integration',
      'POST',
      '/v1/sva-integrations',
      { platform: 'saber_plus', token: `demo-token-${run}` },
      201,
      (i) => i.platform,
    ));
  const packages = await step(
    'Saber+ packages, read from the platform',
    'GET',
    `/v1/sva-integrations/${saber.id}/packages`,
    undefined,
    200,
    (p) => p.items.map((i: Json) => i.code).join(', '),
  );
  const exaProduct = await step(
    'A product on EXA',
    'POST',
    '/v1/products',
    { name: 'EXA Segurança', type: 'sva', priceCents: 990, svaIntegrationId: exa.id, svaPackage: 'EXA-SEG-BASICO' },
    201,
    (p) => `${p.name}, R$ ${(p.priceCents / 100).toFixed(2)}`,
  );
  const saberPackage = (packages.items as Json[])[1]?.code ?? (packages.items as Json[])[0]!.code;
  const saberProduct =
    (await allPages('/v1/products?type=sva')).find(
      (p) => p.svaIntegrationId === saber.id && p.svaPackage === saberPackage,
    ) ??
    (await step(
      'A product on Saber+',
      'POST',
      '/v1/products',
      { name: 'Saber+ Família', type: 'sva', priceCents: 1490, svaIntegrationId: saber.id, svaPackage: saberPackage },
      201,
      (p) => p.name,
    ));

  const customer = await step(
    'Another customer, with e-mail and mobile phone',
    'POST',
    '/v1/customers',
    { name: 'João Lima', document: freshCpf(), email: `joao.${run}@example.com`, mobilePhone: '(48) 99876-5432' },
    201,
    (c) => c.name,
  );
  const contract = await step(
    'His contract',
    'POST',
    '/v1/contracts',
    { customerId: customer.id },
    201,
    (c) => c.status,
  );
  const event = (type: string, extra: Json = {}) =>
    step(
      `Event ${type}`,
      'POST',
      `/v1/contracts/${contract.id}/events`,
      { type, ...extra },
      201,
      (r) => `${r.contract.status} / ${r.contract.accessStatus}`,
    );
  const users = async () => (await allPages(`/v1/contracts/${contract.id}/sva-users`)).map((u) => u.id as string);
  await event('activate');
  await step(
    'Adding the EXA product creates his EXA user',
    'POST',
    `/v1/contracts/${contract.id}/products`,
    { productId: exaProduct.id },
    201,
    (i) => `${i.product.name}; notices: ${i.notices.length}`,
  );
  await step(
    'Adding the Saber+ product',
    'POST',
    `/v1/contracts/${contract.id}/products`,
    { productId: saberProduct.id },
    201,
    (i) => i.product.name,
  );
  await step(
    'A Saber+ user from the customer data',
    'POST',
    `/v1/contracts/${contract.id}/sva-users`,
    { productId: saberProduct.id, useCustomerData: true },
    201,
    (u) => `${u.platform} ${u.username}: ${u.status}, ${u.syncStatus}`,
  );
  await settled(contract.id);
  process.stdout.write('  What the platforms hold now:\n');
  await platforms(await users());
  await event('block', { mode: 'automatic' });
  await settled(contract.id);
  await platforms(await users());
  await event('unblock');
  await settled(contract.id);

  const fault = await call('PUT', '/sandbox/exa/_sandbox/faults', {
    script: [{ status: 422, body: { success: false, message: 'Pacote inexistente' } }],
  });
  process.stdout.write(`• EXA is told to refuse its next call (${fault.status})\n`);
  await event('cancel');
  await settled(contract.id);
  const dead = (await allPages(`/v1/integration-deliveries?status=dead&contractId=${contract.id}`))[0];
  if (!dead) throw new DemoFailed('The refused EXA call did not show as an integration error.');
  process.stdout.write(`  Integration error: ${dead.platform} ${dead.action}, "${dead.lastError?.message}"\n`);
  await step(
    'An operator retries it',
    'POST',
    `/v1/integration-deliveries/${dead.id}/retry`,
    undefined,
    200,
    (d) => `${d.status}, attempts ${d.attempts}`,
  );
  await settled(contract.id);
  await step(
    'Its history',
    'GET',
    `/v1/integration-deliveries/${dead.id}`,
    undefined,
    200,
    (d) => `${d.status}; ${d.attemptHistory.map((a: Json) => `#${a.attempt} ${a.outcome}`).join(', ')}`,
  );
  process.stdout.write('  The platforms at the end (Saber+ deactivated, EXA blocked):\n');
  await platforms(await users());
}

/** Digits that end in their Luhn check digit (an ICCID). */
function withLuhn(body: string): string {
  const sum = [...body].reverse().reduce((total, char, i) => {
    const digit = Number(char) * (i % 2 === 0 ? 2 : 1);
    return total + (digit > 9 ? digit - 9 : digit);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const randomDigits = (length: number) => Array.from({ length }, () => Math.floor(Math.random() * 10)).join('');

async function linesAndOverdue() {
  section('3. Lines, charges and the overdue policy in the sandbox');
  const customer = await step(
    'A third customer',
    'POST',
    '/v1/customers',
    { name: 'Ana Costa', document: freshCpf(), mobilePhone: '(21) 99876-1234' },
    201,
    (c) => c.name,
  );
  const contract = await step(
    'Her contract',
    'POST',
    '/v1/contracts',
    { customerId: customer.id },
    201,
    (c) => c.status,
  );
  const event = (type: string, extra: Json = {}) =>
    step(
      `Event ${type}`,
      'POST',
      `/v1/contracts/${contract.id}/events`,
      { type, ...extra },
      201,
      (r) => `${r.contract.status} / ${r.contract.accessStatus}`,
    );
  await event('activate');
  const sip = await step(
    'A SIP line',
    'POST',
    `/v1/contracts/${contract.id}/voip-lines`,
    { extension: `7${randomDigits(5)}`, number: `(21) 3${randomDigits(3)}-${randomDigits(4)}` },
    201,
    (l) => `${l.extension} ${l.number}: ${l.status}`,
  );
  const mobile = await step(
    'A TeleCall line',
    'POST',
    `/v1/contracts/${contract.id}/mvno-lines`,
    {
      msisdn: `(21) 9${randomDigits(4)}-${randomDigits(4)}`,
      iccid: withLuhn(`895510${randomDigits(12)}`),
      plan: 'TELECALL-10GB',
    },
    201,
    (l) => `${l.msisdn}: ${l.status}`,
  );
  const lines = async (expected: string) => {
    await settled(contract.id);
    const [softswitch, telecall] = await Promise.all([
      call('GET', `/v1/voip-lines/${sip.id}`),
      call('GET', `/v1/mvno-lines/${mobile.id}`),
    ]);
    process.stdout.write(
      `  Lines: SIP ${softswitch.body.status} (${softswitch.body.syncStatus}), TeleCall ${telecall.body.status} (${telecall.body.syncStatus}) — expected ${expected}\n`,
    );
  };
  await lines('active, active');
  const before = (await call('GET', '/v1/settings/integrations')).body;
  await event('block');
  await lines('blocked, blocked_total');
  await event('unblock');
  await step(
    'Settings: SIP lines stay out of blocks; TeleCall takes only the partial block',
    'PATCH',
    '/v1/settings/integrations',
    {
      voip: { blockLinesWithContract: false },
      mvno: { totalBlockFollowsContract: false, partialBlockFollowsContract: true },
    },
    200,
    (v) => `version ${v.version}`,
  );
  await event('block');
  await lines('active, blocked_partial');
  await event('unblock');
  await step(
    'Settings as they were',
    'PATCH',
    '/v1/settings/integrations',
    { voip: { blockLinesWithContract: before.voip.blockLinesWithContract }, mvno: before.mvno },
    200,
    (v) => `version ${v.version}`,
  );

  const policyBefore = (await call('GET', '/v1/settings/overdue-policy')).body;
  await step(
    'The overdue policy: late at 5 days, block at 15, cancel at 60, trust release up to 3 days',
    'PUT',
    '/v1/settings/overdue-policy',
    { reportLatePaymentAfterDays: 5, blockAfterDays: 15, cancelAfterDays: 60, trustReleaseMaxDays: 3 },
    200,
    (p) => `version ${p.version}`,
  );
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const charge = await step(
    'A charge that fell due 20 days ago',
    'POST',
    `/v1/contracts/${contract.id}/charges`,
    { amountCents: 9990, dueDate: day(-20), competence: day(-20).slice(0, 7) },
    201,
    (c) => `R$ ${(c.amountCents / 100).toFixed(2)}, overdue: ${c.overdue}`,
  );
  const mine = (changes: Json[]) =>
    changes
      .filter((c) => c.contractId === contract.id)
      .map((c) => `${c.stage} → ${c.to.accessStatus}`)
      .join(', ') || 'nothing';
  await step(
    'Preview for 10 days after the due date',
    'GET',
    `/v1/overdue/preview?date=${day(-10)}`,
    undefined,
    200,
    (p) => mine(p.changes),
  );
  await step('Preview for today', 'GET', '/v1/overdue/preview', undefined, 200, (p) => mine(p.changes));
  await step('Run the policy now', 'POST', '/v1/overdue/runs', undefined, 201, (r) => mine(r.changes));
  await lines('blocked, blocked_total');
  await event('trust_release', { days: 3 });
  await lines('active, active');
  await step(
    'Pay the charge',
    'POST',
    `/v1/charges/${charge.id}/payments`,
    { amountCents: 9990 },
    201,
    (c) => `${c.status}, paid R$ ${(c.paidCents / 100).toFixed(2)}`,
  );
  await step(
    'The contract',
    'GET',
    `/v1/contracts/${contract.id}`,
    undefined,
    200,
    (c) => `${c.status} / ${c.accessStatus}, trust release: ${c.trustReleaseEndsOn ?? 'none'}`,
  );
  await step('Run the policy again', 'POST', '/v1/overdue/runs', undefined, 201, (r) => mine(r.changes));
  await lines('active, active');
  const { version: _v, updatedAt: _u, updatedBy: _b, ...policy } = policyBefore;
  if (policy.preset)
    for (const field of ['reportLatePaymentAfterDays', 'blockAfterDays', 'cancelAfterDays']) delete policy[field];
  await step(
    'The overdue policy as it was',
    'PUT',
    '/v1/settings/overdue-policy',
    policy,
    200,
    (p) => `version ${p.version}`,
  );
}

async function demo() {
  if (!KEY)
    throw new DemoFailed(
      'Set KEY to an admin API key (printed at first start; npm run admin-key -- --name NAME mints another): KEY=ponte_… npm run demo',
    );
  process.stdout.write(`Ponte demo against ${API}\n`);
  await contractLife();
  await svaInSandbox();
  await linesAndOverdue();
  process.stdout.write('\nDone. The whole API: ' + `${API}/docs\n`);
}

demo().catch((error) => {
  process.stderr.write(
    `\n${error instanceof DemoFailed ? error.message : `The demo failed: ${error instanceof Error ? error.stack : String(error)}`}\n`,
  );
  process.exit(1);
});

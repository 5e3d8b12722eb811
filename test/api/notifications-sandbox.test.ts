import { SANDBOX_TEMPLATES } from '../../src/adapters/sandbox/opa-suite/simulator';
import { describeApi } from '../helpers/api-suite';
import { listen } from '../helpers/listening';

/*
 * Issue 12, "Done when", over real HTTP in the sandbox: Opa! Suite configured, its templates read
 * (a GET with a JSON body, through undici's request), and a block's notification reaching the
 * sandbox's tenant with the right variables.
 */
describeApi(
  'notifications in the sandbox, over HTTP',
  (ctx) => {
    const call = (...args: Parameters<ReturnType<typeof ctx>['api']['call']>) => ctx().api.call(...args);
    let base: string;
    beforeEach(async () => {
      base = await listen(ctx().api.app);
    });

    test('when Opa! Suite is configured in the sandbox, then its templates are listed live and a block notification reaches it with the right variables', async () => {
      const integration = (
        await call('POST', '/v1/opa-suite-integrations', {
          body: { url: `${base}/sandbox/opa-suite`, token: 'meu-token-opa', channelId: '64b0c0ffee00000000000c01' },
        })
      ).body;
      const listed = await call('GET', `/v1/opa-suite-integrations/${integration.id}/templates`);
      expect(listed).toMatchObject({
        status: 200,
        body: { items: SANDBOX_TEMPLATES.map((t) => ({ id: t._id, name: t.nome, variableCount: t.variaveis.length })) },
      });
      const block = SANDBOX_TEMPLATES.find((t) => t.nome === 'Aviso de bloqueio')!;
      await call('PUT', '/v1/notification-templates', {
        body: { items: [{ event: 'block', templateId: block._id, variables: ['customer.firstName', 'contract.id'] }] },
      });

      const customer = (
        await call('POST', '/v1/customers', {
          body: { name: 'Joana Prado', document: '390.533.447-05', mobilePhone: '(21) 99876-1234' },
        })
      ).body;
      const contract = (await call('POST', '/v1/contracts', { body: { customerId: customer.id } })).body;
      await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'activate' } });
      await call('POST', `/v1/contracts/${contract.id}/events`, { body: { type: 'block' } });
      await ctx().api.app.dispatcher.drain();

      const seen = await fetch(`${base}/sandbox/opa-suite/_sandbox/messages`, {
        headers: { authorization: `Bearer ${ctx().api.adminKey}` },
      }).then((r) => r.json() as Promise<{ messages: { to: string; templateId: string; variables: string[] }[] }>);
      expect(seen.messages).toEqual([
        expect.objectContaining({ to: '+5521998761234', templateId: block._id, variables: ['Joana', contract.id] }),
      ]);
      expect((await call('GET', `/v1/contracts/${contract.id}/notifications`)).body.items).toEqual([
        expect.objectContaining({ event: 'block', status: 'sent' }),
      ]);
    });

    test('when the token is not one of a registered integration, then the sandbox tenant refuses it', async () => {
      const answer = await fetch(`${base}/sandbox/opa-suite/template/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer nobody' },
        body: '{}',
      });
      expect(answer.status).toBe(401);
    });
  },
  { env: { SANDBOX: 'on' }, realClock: true },
);

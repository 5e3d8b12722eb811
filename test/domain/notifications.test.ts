import { fillVariables, templateProblems } from '../../src/domain/notifications/notification';

/* Issue 12, item 5: what fills an Opa! Suite template, and which variables each event can fill. */
describe('notification templates', () => {
  const facts = {
    customer: { name: '  Maria  da Silva ' },
    contract: { id: '0193a4f2-7d02-7c11-8a22-3e5f6a7b8c92', description: null },
    reason: 'Fatura em aberto',
    trustReleaseEndsOn: '2026-12-05',
    charge: { amountCents: 1234567, dueDate: '2026-11-10', competence: '2026-11' },
  };

  test("when variables are filled, then they read as a Brazilian customer reads them, in the template's order", () => {
    expect(
      fillVariables(
        [
          'charge.amount',
          'customer.firstName',
          'charge.dueDate',
          'charge.competence',
          'trustRelease.endsOn',
          'contract.description',
          'event.reason',
        ],
        facts,
      ),
    ).toEqual(['R$ 12.345,67', 'Maria', '10/11/2026', '11/2026', '05/12/2026', '', 'Fatura em aberto']);
  });

  test('when a variable cannot be filled for its event, or an event is given twice, then each field at fault is named', () => {
    expect(
      templateProblems({
        items: [
          {
            event: 'block',
            templateId: 'a'.repeat(24),
            variables: ['customer.name', 'charge.amount', 'trustRelease.endsOn'],
          },
          { event: 'charge_overdue', templateId: 'b'.repeat(24), variables: ['charge.amount', 'event.reason'] },
          { event: 'block', templateId: 'c'.repeat(24), variables: [] },
        ],
      }).map((p) => p.field),
    ).toEqual(['items/0/variables/1', 'items/0/variables/2', 'items/1/variables/1', 'items/2/event']);
  });

  test('when every variable fits its event, then there is no problem', () => {
    expect(
      templateProblems({
        items: [
          {
            event: 'trust_release',
            templateId: 'a'.repeat(24),
            variables: ['customer.firstName', 'trustRelease.endsOn', 'event.reason'],
          },
        ],
      }),
    ).toEqual([]);
  });
});

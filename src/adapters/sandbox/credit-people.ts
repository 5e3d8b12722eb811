import { createHash } from 'node:crypto';

/** A person or company as a simulated bureau knows it, derived from the document so it answers the same twice. */
export interface SimulatedPerson {
  name: string;
  registrationStatus: string;
  score: number;
  restrictions: { kind: string; creditor: string; amount: string; date: string }[];
}

const FIRST = [
  'Ana',
  'Bruno',
  'Carla',
  'Diego',
  'Elaine',
  'Fábio',
  'Gisele',
  'Hugo',
  'Isabela',
  'João',
  'Larissa',
  'Marcos',
];
const LAST = ['Silva', 'Souza', 'Oliveira', 'Santos', 'Pereira', 'Lima', 'Carvalho', 'Ferreira', 'Almeida', 'Ribeiro'];
const CREDITORS = ['Loja Exemplo Ltda', 'Banco Fictício S.A.', 'Telefonia Modelo S.A.'];

export function simulatedPerson(
  document: string,
  debts: readonly { creditor: string; amount: string; date: string }[],
): SimulatedPerson {
  const seed = createHash('sha256').update(document).digest();
  const company = document.length === 14;
  const name = company
    ? `${LAST[seed[0]! % LAST.length]} & ${LAST[seed[1]! % LAST.length]} Comércio Ltda`
    : `${FIRST[seed[0]! % FIRST.length]} ${LAST[seed[1]! % LAST.length]}`;
  const restrictions =
    seed[2]! % 3 === 0
      ? [
          {
            kind: 'pefin',
            creditor: CREDITORS[seed[3]! % CREDITORS.length]!,
            amount: `${100 + (seed[4]! % 900)}.${String(seed[5]! % 100).padStart(2, '0')}`,
            date: `2026-0${1 + (seed[6]! % 9)}-1${seed[7]! % 10}`,
          },
        ]
      : [];
  return {
    name,
    registrationStatus: 'REGULAR',
    score: Math.max(0, ((seed[8]! * 4 + seed[9]!) % 1001) - 60 * (restrictions.length + debts.length)),
    restrictions: [...restrictions, ...debts.map((debt) => ({ kind: 'pefin', ...debt }))],
  };
}

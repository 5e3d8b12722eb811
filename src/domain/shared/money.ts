const BRL = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** Cents as Brazilians read an amount (R$ 129,90), with a plain space. */
export const formatBrl = (cents: number) => BRL.format(cents / 100).replace(/\u00a0/g, ' ');

import { brazilianDate } from '../shared/calendar';
import { formatBrl } from '../shared/money';

/**
 * A notice of an overdue debt (Anatel's RGC, Resolução nº 765/2023, Art. 70 and Art. 71, I–V):
 * sent through Opa! Suite by the overdue run, or by another channel and recorded by the provider.
 * Under the RGC preset a contract is suspended only counting from a notice actually sent.
 */
export const RECORDED_NOTICE_CHANNELS = ['letter', 'invoice', 'email', 'sms', 'other'] as const;
export type RecordedNoticeChannel = (typeof RECORDED_NOTICE_CHANNELS)[number];

export interface RecordedOverdueNotice {
  readonly id: string;
  readonly contractId: string;
  readonly chargeId: string;
  readonly channel: RecordedNoticeChannel;
  readonly sentAt: Date;
  /** What the notice said. */
  readonly content: string;
  readonly actor: string;
  readonly createdAt: Date;
}

/** A notice as listed: recorded, or an Opa! Suite notification of the `overdue_notice` event (its status and sending time its own). */
export interface OverdueNotice {
  readonly id: string;
  readonly contractId: string;
  readonly chargeId: string;
  readonly channel: RecordedNoticeChannel | 'opa_suite';
  readonly status: 'sent' | 'pending' | 'failed' | 'skipped';
  readonly sentAt: Date | null;
  readonly content: string;
  readonly actor: string | null;
  readonly createdAt: Date;
}

/**
 * What the notice the overdue run sends says, with every content Art. 71 asks for: the reason, the
 * amount and the month it refers to, the deadlines of suspension and rescission, that the debt may
 * go to credit bureaus, and how soon service comes back after payment.
 */
export function overdueNoticeText(debt: {
  readonly amountCents: number;
  readonly competence: string;
  readonly dueDate: string;
  readonly suspensionDays: number;
  readonly rescissionDays: number;
  readonly restoreWithinHours: number;
}): string {
  const month = `${debt.competence.slice(5, 7)}/${debt.competence.slice(0, 4)}`;
  return [
    `Consta em aberto a fatura de ${formatBrl(debt.amountCents)} referente a ${month}, vencida em ${brazilianDate(debt.dueDate)}.`,
    `Sem o pagamento, o serviço poderá ser suspenso a partir de ${debt.suspensionDays} dias desta notificação, e o contrato rescindido ${debt.rescissionDays} dias após o início da suspensão.`,
    'O débito poderá ser registrado em sistemas de proteção ao crédito.',
    `Após o pagamento, o serviço é restabelecido em até ${debt.restoreWithinHours} horas.`,
  ].join(' ');
}

/* The overdue stages, and the presets that fix their days by a rule (Anatel's RGC: docs/overdue-rgc.md). */

export const OVERDUE_STAGES = ['report_late_payment', 'block', 'cancel'] as const;

export type OverdueStage = (typeof OVERDUE_STAGES)[number];

/** One step of a preset: how many days after the previous step, and the rule that allows it. */
export interface PresetStep {
  readonly stage: OverdueStage;
  readonly daysAfterPrevious: number;
  readonly article: string;
  readonly rule: string;
}

/**
 * A policy that follows a regulation, kept as data: a new regulation is a new preset, not new code.
 * Its first step counts from the notice of the debt actually sent (never from a date assumed), and
 * each later step from the step before it began.
 */
export interface OverduePreset {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  /** The notice of the overdue debt: from how many days after the due date it is sent, what it must say, and the rule. */
  readonly notice: {
    readonly afterDueDays: number;
    readonly article: string;
    readonly rule: string;
    readonly contents: readonly string[];
  };
  readonly steps: readonly PresetStep[];
  /** How soon service comes back after payment. */
  readonly restore: { readonly withinHours: number; readonly article: string };
}

/**
 * Anatel's Regulamento Geral de Direitos do Consumidor de Serviços de Telecomunicações in force:
 * Resolução nº 765/2023 (since 1 September 2025; it replaced nº 632/2014 and its partial
 * suspension stage for broadband). See docs/overdue-rgc.md for the articles and what Ponte does
 * with each.
 */
export const ANATEL_RGC_PRESET: OverduePreset = {
  id: 'anatel_rgc_765_2023',
  title: 'Anatel RGC (Resolução nº 765/2023)',
  source: 'https://www.gov.br/anatel/pt-br/consumidor/conheca-seus-direitos/suspensao',
  notice: {
    afterDueDays: 1,
    article: 'Art. 70; Art. 71, I–V',
    rule: 'Before any suspension the consumer is notified of the overdue debt.',
    contents: [
      'the reason for the suspension',
      'the amount of the debt and the month it refers to',
      'the deadlines of the suspension and of the rescission',
      'that the debt may be registered with credit bureaus',
      'how soon service comes back after payment',
    ],
  },
  steps: [
    {
      stage: 'block',
      daysAfterPrevious: 15,
      article: 'Art. 70',
      rule: 'Suspension no sooner than 15 days after the notice of the debt was sent.',
    },
    {
      stage: 'cancel',
      daysAfterPrevious: 60,
      article: 'Art. 73; Art. 75',
      rule: 'Rescission no sooner than 60 days after the suspension began.',
    },
  ],
  restore: { withinHours: 24, article: 'Art. 78' },
};

export const OVERDUE_PRESETS: readonly OverduePreset[] = [ANATEL_RGC_PRESET];

/** A preset's steps as the days each waits after the one before (the first after the notice sent). */
export function presetStageDays(preset: OverduePreset): Record<OverdueStage, number | null> {
  const days: Record<OverdueStage, number | null> = { report_late_payment: null, block: null, cancel: null };
  for (const step of preset.steps) days[step.stage] = step.daysAfterPrevious;
  return days;
}

export const presetOf = (policy: { readonly preset: string | null }): OverduePreset | null =>
  OVERDUE_PRESETS.find((p) => p.id === policy.preset) ?? null;

import { asText } from '../../../domain/shared/text';
import { SvaSimulator, type SvaSimulatorOptions } from './simulator';

/* Saber+ and EXA as the simulator plays them: each one's packages, credential and answers. */

/** Saber+: Bearer token, user name = CPF (several subscriptions per CPF), one package each; errors `{ erro, mensagem }`. */
export const SABER_PLUS_PACKAGES = [
  { code: 'SABER-ESSENCIAL', name: 'Saber+ Essencial' },
  { code: 'SABER-FAMILIA', name: 'Saber+ Família' },
  { code: 'SABER-PREMIUM', name: 'Saber+ Premium' },
] as const;

export const createSaberPlusSimulator = (options?: SvaSimulatorOptions) =>
  new SvaSimulator(
    {
      name: 'Saber+',
      credentialOf: (request) => request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') || null,
      endVerb: 'deactivate',
      endStatus: 'deactivated',
      packages: SABER_PLUS_PACKAGES,
      readUser: (b) => ({
        reference: asText(b.reference),
        username: asText(b.cpf),
        document: asText(b.cpf),
        email: null,
        name: asText(b.name),
        mobilePhone: asText(b.mobilePhone),
        packageCode: asText(b.packageCode),
        password: typeof b.password === 'string' ? b.password : null,
      }),
      error: (mensagem) => ({ erro: true, mensagem }),
      usernameOfOnePerson: false,
      conflictMessage: 'CPF já cadastrado',
    },
    options,
  );

/** EXA: tenant prefix header, user name = e-mail (one person's per tenant); errors `{ success: false, message }`. */
export const EXA_PACKAGES = [
  { code: 'EXA-SEG-BASICO', name: 'EXA Segurança Básico' },
  { code: 'EXA-SEG-FAMILIA', name: 'EXA Segurança Família' },
  { code: 'EXA-BACKUP-100', name: 'EXA Backup 100 GB' },
] as const;

export const createExaSimulator = (options?: SvaSimulatorOptions) =>
  new SvaSimulator(
    {
      name: 'EXA',
      credentialOf: (request) => request.headers.get('x-exa-prefix') || null,
      endVerb: 'cancel',
      endStatus: 'cancelled',
      packages: EXA_PACKAGES,
      readUser: (b) => ({
        reference: asText(b.reference),
        username: asText(b.email).toLowerCase(),
        document: asText(b.document),
        email: asText(b.email).toLowerCase(),
        name: asText(b.name),
        mobilePhone: asText(b.mobilePhone),
        packageCode: asText(b.packageCode),
        password: typeof b.password === 'string' ? b.password : null,
      }),
      error: (message) => ({ success: false, message }),
      usernameOfOnePerson: true,
      conflictMessage: 'E-mail já em uso',
    },
    options,
  );

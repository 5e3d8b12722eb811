import type { Page, PageRequest } from '../ports/page';
import type { IntegrationSettings } from './integration-settings';

/* Settings as stored, with their history. */

/** Settings as stored, with who changed them last. */
export interface StoredSettings<T = IntegrationSettings> {
  readonly settings: T;
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
}

export interface SettingsChange<T = IntegrationSettings> {
  readonly id: string;
  readonly at: Date;
  readonly actor: string;
  readonly before: T;
  readonly after: T;
  /** Every field that changed (`section.field` where the settings have sections). */
  readonly changed: readonly string[];
}

export interface SettingsRepository<T = IntegrationSettings> {
  /** The settings as stored (the defaults before the first change). */
  get(): Promise<StoredSettings<T>>;
  /** The same, locked until the transaction ends: changes apply one after the other. */
  getForUpdate(): Promise<StoredSettings<T>>;
  /** Stores the new settings and the change that made them, in the caller's transaction. */
  save(change: SettingsChange<T>, version: number): Promise<StoredSettings<T>>;
  history(page: PageRequest): Promise<Page<SettingsChange<T>>>;
}

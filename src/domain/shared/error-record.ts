/**
 * An error code's record: the HTTP status it answers with and what it means (the page its problem
 * `type` leads to says this). Each area keeps its own in `src/domain/<area>/errors.ts`.
 */
export interface ErrorRecord {
  readonly status: number;
  readonly meaning: string;
}

export type ErrorRecords = Readonly<Record<string, ErrorRecord>>;

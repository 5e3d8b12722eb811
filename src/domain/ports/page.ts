/* A page of a list, and how to ask for one: every list of every area is paged so. */

export interface PageRequest {
  readonly limit: number;
  /** The id of the last item of the previous page. */
  readonly after?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Id of the last item when more may follow, else null. */
  readonly last: string | null;
}

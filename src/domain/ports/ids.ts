/** Creates the ids of new records: time-ordered, so that id order is creation order (cursors). */
export interface IdGenerator {
  next(): string;
}

/** A person whose data an item shows: each one is audited as a read about that person. */
export interface ItemSubject {
  resourceType: 'case' | 'concern';
  resourceId: string;
  personId: string;
}

/** What one card's query answers: the first few items and how many there are in all. */
export interface CardList<I> {
  total: number;
  items: I[];
  /** The persons behind the items shown (none for items about no registered person). */
  persons?: ItemSubject[];
}

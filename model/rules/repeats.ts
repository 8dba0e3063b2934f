/** Entries of a list whose name an earlier entry already has: shared by the uniqueness rules. */
export interface Repeat {
  name: string;
  /** Index of the repeating entry. */
  index: number;
  /** Index of the first entry with that name. */
  earlier: number;
}

export function repeatedNames<T>(items: readonly T[], nameOf: (item: T) => string): Repeat[] {
  const first = new Map<string, number>();
  const repeats: Repeat[] = [];
  items.forEach((item, index) => {
    const name = nameOf(item);
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, index);
    else repeats.push({ name, index, earlier });
  });
  return repeats;
}

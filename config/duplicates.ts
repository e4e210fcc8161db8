/** Finds repeated keys in a list: calls `report` for every item whose key an earlier item has. */
export function forEachDuplicate<T>(items: readonly T[], key: (item: T) => string | number | undefined, report: (index: number, firstIndex: number, key: string | number) => void): void {
  const seen = new Map<string | number, number>();
  items.forEach((item, index) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else report(index, first, k);
  });
}

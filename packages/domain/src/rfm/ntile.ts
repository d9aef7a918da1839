/**
 * The bucket (1…buckets) SQL's NTILE gives the row at 0-based `position` of `rows` ordered rows.
 * Bucket sizes differ by at most one and the larger buckets come first, so with 7 rows and 5
 * buckets the sizes are 2, 2, 1, 1, 1.
 */
export function ntileBucket(position: number, rows: number, buckets: number): number {
  if (!Number.isInteger(position) || position < 0 || position >= rows) {
    throw new RangeError(`position ${position} is outside 0…${rows - 1}`);
  }
  if (!Number.isInteger(buckets) || buckets < 1) throw new RangeError(`buckets must be a positive integer`);
  const small = Math.floor(rows / buckets);
  const large = small + 1;
  const largeBuckets = rows % buckets;
  const rowsInLargeBuckets = largeBuckets * large;
  if (position < rowsInLargeBuckets) return Math.floor(position / large) + 1;
  return largeBuckets + Math.floor((position - rowsInLargeBuckets) / small) + 1;
}

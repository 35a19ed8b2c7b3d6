import { Store, type StoredObject } from '../../functions/lib/store.ts';

/** A store counting the reads in flight at once, of the keys `counts` picks (every key by default). */
export class CountingStore extends Store {
  inFlight = 0;
  mostInFlight = 0;
  private readonly counts: (key: string) => boolean;

  constructor(store: Store, counts: (key: string) => boolean = () => true) {
    super(store.client, store.bucket);
    this.counts = counts;
  }

  override async get(key: string): Promise<StoredObject | null> {
    if (!this.counts(key)) return super.get(key);
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    try {
      return await super.get(key);
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** One Cloud Storage object as the emulator keeps it. */
export interface GcsObjectRecord {
  bucket: string;
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  generation: number;
  updatedMs: number;
}

/**
 * The emulated Cloud Storage: objects in memory, keyed by bucket and name. Any bucket exists
 * (the emulator has no bucket creation); object names are listed in lexicographic order, as the
 * JSON API lists them.
 */
export class GcsObjects {
  private readonly objects = new Map<string, GcsObjectRecord>();
  private generation = 1;

  private static key(bucket: string, name: string): string {
    return `${bucket}/${name}`;
  }

  put(
    bucket: string,
    name: string,
    bytes: Uint8Array<ArrayBuffer>,
    contentType: string,
    now: number,
  ) {
    const record: GcsObjectRecord = {
      bucket,
      name,
      bytes,
      contentType,
      generation: this.generation++,
      updatedMs: now,
    };
    this.objects.set(GcsObjects.key(bucket, name), record);
    return record;
  }

  get(bucket: string, name: string): GcsObjectRecord | undefined {
    return this.objects.get(GcsObjects.key(bucket, name));
  }

  delete(bucket: string, name: string): boolean {
    return this.objects.delete(GcsObjects.key(bucket, name));
  }

  /** Objects of `bucket` whose name starts with `prefix`, in name order. */
  list(bucket: string, prefix: string): GcsObjectRecord[] {
    const out: GcsObjectRecord[] = [];
    for (const record of this.objects.values()) {
      if (record.bucket === bucket && record.name.startsWith(prefix)) out.push(record);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  clear(): void {
    this.objects.clear();
  }
}

/** `gs://bucket/name` -> parts; undefined when it is not such a URI. */
export function splitGsUri(uri: string): { bucket: string; name: string } | undefined {
  const match = /^gs:\/\/([^/]+)\/(.*)$/.exec(uri);
  return match ? { bucket: match[1]!, name: match[2]! } : undefined;
}

/**
 * Reads the declared image sizes of a HEIF/HEIC file from its ISO-BMFF box tree, without
 * decoding anything (ISO/IEC 14496-12 boxes, ISO/IEC 23008-12 items and properties).
 *
 * Rules that always hold:
 * - The whole top-level box chain is walked (a `free` or `mdat` box of any size is skipped by
 *   its header, not scanned), so a `meta` box past the first megabyte is still read.
 * - Sizes come only from `ispe` properties associated with an item through `ipma`, and from a
 *   `grid` item's own ImageGrid data (in `idat`, or in the file through `iloc`). A byte pattern
 *   that merely looks like `ispe` counts for nothing.
 * - Anything the decoder would decode must have a declared size: every image item needs an
 *   `ispe`, and a grid its ImageGrid data and tiles that match it. Otherwise the answer is
 *   "missing", and the caller refuses the file.
 */

/** What an image item of these types decodes to; tiles and thumbnails included. */
const IMAGE_ITEM_TYPES = new Set(["hvc1", "hvt1", "grid", "iden", "iovl", "tili", "av01", "jpeg", "unci", "vvc1", "j2k1", "avc1", "mski"]);
/** Bounds on the parse itself, so a crafted tree cannot make it slow. */
const MAX_ITEMS = 4096;

export type HeifSizes =
  | {
      ok: true;
      /** The largest image (or grid output) the file declares. */
      width: number;
      height: number;
      /** The most pixels any one image makes the decoder produce (a grid: all its tiles). */
      decodedPixels: number;
    }
  | { ok: false; reason: "missing" | "malformed" };

type Box = { type: string; start: number; body: number; end: number };
type Item = { id: number; type: string; width?: number; height?: number };
type Location = { method: number; offset: number; length: number };

class Malformed extends Error {}
class Missing extends Error {}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/** A cursor over a byte range that throws Malformed instead of reading past its end. */
class Reader {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    public at: number,
    private readonly end: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number) {
    if (this.at + n > this.end) throw new Malformed();
  }
  u8() {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u16() {
    this.need(2);
    const v = this.view.getUint16(this.at);
    this.at += 2;
    return v;
  }
  u32() {
    this.need(4);
    const v = this.view.getUint32(this.at);
    this.at += 4;
    return v;
  }
  /** An unsigned integer of 0, 4 or 8 bytes (iloc's field sizes); above 2^53 is malformed. */
  uint(size: number) {
    if (size === 0) return 0;
    if (size === 4) return this.u32();
    if (size === 8) {
      const high = this.u32();
      const low = this.u32();
      if (high >= 0x200000) throw new Malformed();
      return high * 2 ** 32 + low;
    }
    throw new Malformed();
  }
  skip(n: number) {
    this.need(n);
    this.at += n;
  }
}

/** The boxes directly inside [start, end): headers only, so each is O(1) whatever its size. */
function children(bytes: Uint8Array, start: number, end: number): Box[] {
  const boxes: Box[] = [];
  let at = start;
  while (at < end) {
    const r = new Reader(bytes, at, end);
    let size = r.u32();
    r.need(4);
    const type = fourcc(bytes, r.at);
    r.skip(4);
    if (size === 1) size = r.uint(8);
    else if (size === 0) size = end - at;
    if (type === "uuid") r.skip(16);
    if (size < r.at - at || at + size > end) throw new Malformed();
    boxes.push({ type, start: at, body: r.at, end: at + size });
    at += size;
    if (boxes.length > MAX_ITEMS) throw new Malformed();
  }
  return boxes;
}

function only(boxes: Box[], type: string): Box | undefined {
  const found = boxes.filter((b) => b.type === type);
  if (found.length > 1) throw new Malformed();
  return found[0];
}

/** version and flags of a FullBox, and a reader just past them. */
function fullBox(bytes: Uint8Array, box: Box): { version: number; flags: number; r: Reader } {
  const r = new Reader(bytes, box.body, box.end);
  const word = r.u32();
  return { version: word >>> 24, flags: word & 0xffffff, r };
}

function readItems(bytes: Uint8Array, iinf: Box): Map<number, Item> {
  const { version, r } = fullBox(bytes, iinf);
  const count = version === 0 ? r.u16() : r.u32();
  if (count > MAX_ITEMS) throw new Malformed();
  const items = new Map<number, Item>();
  for (const infe of children(bytes, r.at, iinf.end)) {
    if (infe.type !== "infe") continue;
    const e = fullBox(bytes, infe);
    // Versions 0 and 1 predate item types; they cannot name an image item.
    if (e.version < 2) continue;
    const id = e.version === 2 ? e.r.u16() : e.r.u32();
    e.r.skip(2); // item_protection_index
    e.r.need(4);
    items.set(id, { id, type: fourcc(bytes, e.r.at) });
  }
  return items;
}

/** item id -> the ids it references, for one reference type (`dimg`: a grid's tiles). */
function readReferences(bytes: Uint8Array, iref: Box | undefined, wanted: string): Map<number, number[]> {
  const refs = new Map<number, number[]>();
  if (!iref) return refs;
  const { version, r } = fullBox(bytes, iref);
  for (const ref of children(bytes, r.at, iref.end)) {
    if (ref.type !== wanted) continue;
    const rr = new Reader(bytes, ref.body, ref.end);
    const from = version === 0 ? rr.u16() : rr.u32();
    const count = rr.u16();
    const to: number[] = [];
    for (let i = 0; i < count; i++) to.push(version === 0 ? rr.u16() : rr.u32());
    refs.set(from, [...(refs.get(from) ?? []), ...to]);
  }
  return refs;
}

/** Attach each item's `ispe` (through ipma) as width/height; the largest wins if several. */
function readSpatialExtents(bytes: Uint8Array, iprp: Box | undefined, items: Map<number, Item>): void {
  if (!iprp) return;
  const inside = children(bytes, iprp.body, iprp.end);
  const ipco = only(inside, "ipco");
  if (!ipco) return;
  const properties = children(bytes, ipco.body, ipco.end);
  for (const ipma of inside.filter((b) => b.type === "ipma")) {
    const { version, flags, r } = fullBox(bytes, ipma);
    const entries = r.u32();
    if (entries > MAX_ITEMS) throw new Malformed();
    for (let i = 0; i < entries; i++) {
      const id = version < 1 ? r.u16() : r.u32();
      const associations = r.u8();
      for (let j = 0; j < associations; j++) {
        const index = flags & 1 ? r.u16() & 0x7fff : r.u8() & 0x7f;
        const property = index > 0 ? properties[index - 1] : undefined;
        const item = items.get(id);
        if (!property || property.type !== "ispe" || !item) continue;
        const p = fullBox(bytes, property);
        const width = p.r.u32();
        const height = p.r.u32();
        if (width * height > (item.width ?? 0) * (item.height ?? 0)) Object.assign(item, { width, height });
      }
    }
  }
}

function readLocations(bytes: Uint8Array, iloc: Box | undefined): Map<number, Location> {
  const locations = new Map<number, Location>();
  if (!iloc) return locations;
  const { version, r } = fullBox(bytes, iloc);
  const sizes = r.u8();
  const more = r.u8();
  const [offsetSize, lengthSize, baseSize] = [sizes >> 4, sizes & 15, more >> 4];
  const indexSize = version === 1 || version === 2 ? more & 15 : 0;
  const count = version < 2 ? r.u16() : r.u32();
  if (count > MAX_ITEMS) throw new Malformed();
  for (let i = 0; i < count; i++) {
    const id = version < 2 ? r.u16() : r.u32();
    const method = version === 1 || version === 2 ? r.u16() & 15 : 0;
    r.skip(2); // data_reference_index
    const base = r.uint(baseSize);
    const extents = r.u16();
    let first: Location | undefined;
    for (let j = 0; j < extents; j++) {
      r.uint(indexSize);
      const offset = r.uint(offsetSize);
      const length = r.uint(lengthSize);
      first ??= { method, offset: base + offset, length };
    }
    if (first) locations.set(id, first);
  }
  return locations;
}

/** A grid item's ImageGrid: rows, columns and the output size (ISO/IEC 23008-12, 6.6.2.3). */
function readGrid(bytes: Uint8Array, location: Location | undefined, idat: Box | undefined) {
  if (!location) throw new Missing();
  let start: number;
  let limit: number;
  if (location.method === 1) {
    if (!idat) throw new Missing();
    start = idat.body + location.offset;
    limit = idat.end;
  } else if (location.method === 0) {
    start = location.offset;
    limit = bytes.length;
  } else throw new Malformed();
  const end = location.length > 0 ? Math.min(start + location.length, limit) : limit;
  if (start < 0 || start >= end) throw new Missing();
  const r = new Reader(bytes, start, end);
  r.u8(); // version
  const flags = r.u8();
  const rows = r.u8() + 1;
  const columns = r.u8() + 1;
  const width = flags & 1 ? r.u32() : r.u16();
  const height = flags & 1 ? r.u32() : r.u16();
  return { rows, columns, width, height };
}

/**
 * The declared sizes of a HEIF file, or why there are none. Pure and linear in the number of
 * boxes and items; it never looks inside `mdat`.
 */
export function readHeifSizes(bytes: Uint8Array): HeifSizes {
  try {
    const top = children(bytes, 0, bytes.length);
    if (top[0]?.type !== "ftyp") throw new Malformed();
    const meta = only(top, "meta");
    if (!meta) throw new Missing();
    const inMeta = children(bytes, meta.body + 4, meta.end);
    const iinf = only(inMeta, "iinf");
    if (!iinf) throw new Missing();
    const items = readItems(bytes, iinf);
    readSpatialExtents(bytes, only(inMeta, "iprp"), items);
    const tiles = readReferences(bytes, only(inMeta, "iref"), "dimg");
    const locations = readLocations(bytes, only(inMeta, "iloc"));
    const idat = only(inMeta, "idat");

    let largest = { width: 0, height: 0 };
    let decodedPixels = 0;
    let images = 0;
    for (const item of items.values()) {
      if (!IMAGE_ITEM_TYPES.has(item.type)) continue;
      images++;
      if (!item.width || !item.height) throw new Missing();
      let { width, height } = item;
      let decoded = width * height;
      if (item.type === "grid") {
        const grid = readGrid(bytes, locations.get(item.id), idat);
        const ids = tiles.get(item.id) ?? [];
        if (ids.length !== grid.rows * grid.columns || grid.width === 0 || grid.height === 0) throw new Missing();
        let tileWidth = 0;
        let tileHeight = 0;
        decoded = 0;
        for (const id of ids) {
          const tile = items.get(id);
          if (!tile?.width || !tile.height) throw new Missing();
          tileWidth = Math.max(tileWidth, tile.width);
          tileHeight = Math.max(tileHeight, tile.height);
          decoded += tile.width * tile.height;
        }
        // The tiles must cover the output with less than one spare row and column of them.
        if ((grid.columns - 1) * tileWidth >= grid.width || (grid.rows - 1) * tileHeight >= grid.height) throw new Malformed();
        if (grid.width * grid.height > width * height) ({ width, height } = grid);
        decoded = Math.max(decoded, width * height);
      }
      if (width * height > largest.width * largest.height) largest = { width, height };
      decodedPixels = Math.max(decodedPixels, decoded);
    }
    if (images === 0) throw new Missing();
    return { ok: true, ...largest, decodedPixels };
  } catch (error) {
    if (error instanceof Missing) return { ok: false, reason: "missing" };
    if (error instanceof Malformed) return { ok: false, reason: "malformed" };
    throw error;
  }
}

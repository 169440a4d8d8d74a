// A minimal reader of zip archives (a .vsix is one): entries with their Unix modes, and the
// contents of stored or deflated entries. Enough for the package tests, with no dependency.
import * as fs from 'fs';
import * as zlib from 'zlib';

export interface ZipEntry {
  name: string;
  /** Unix mode bits (type and permissions) from the external attributes, 0 when absent. */
  mode: number;
  compressedSize: number;
  size: number;
  method: number;
  localHeaderOffset: number;
}

export class ZipArchive {
  readonly entries: ZipEntry[] = [];
  private readonly data: Buffer;

  constructor(file: string) {
    this.data = fs.readFileSync(file);
    const data = this.data;
    // The end of central directory record: signature 0x06054b50 within the last 64 KiB.
    let eocd = -1;
    for (let i = data.length - 22; i >= Math.max(0, data.length - 65557); i--) {
      if (data.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error(`${file}: not a zip archive`);
    const count = data.readUInt16LE(eocd + 10);
    let offset = data.readUInt32LE(eocd + 16);
    for (let n = 0; n < count; n++) {
      if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
      const method = data.readUInt16LE(offset + 10);
      const compressedSize = data.readUInt32LE(offset + 20);
      const size = data.readUInt32LE(offset + 24);
      const nameLength = data.readUInt16LE(offset + 28);
      const extraLength = data.readUInt16LE(offset + 30);
      const commentLength = data.readUInt16LE(offset + 32);
      const external = data.readUInt32LE(offset + 38);
      const localHeaderOffset = data.readUInt32LE(offset + 42);
      const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
      this.entries.push({ name, mode: external >>> 16, compressedSize, size, method, localHeaderOffset });
      offset += 46 + nameLength + extraLength + commentLength;
    }
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.find((entry) => entry.name === name);
  }

  read(name: string): Buffer {
    const entry = this.entry(name);
    if (!entry) throw new Error(`no entry ${name}`);
    const header = entry.localHeaderOffset;
    if (this.data.readUInt32LE(header) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const start = header + 30 + this.data.readUInt16LE(header + 26) + this.data.readUInt16LE(header + 28);
    const raw = this.data.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) return Buffer.from(raw);
    if (entry.method === 8) return zlib.inflateRawSync(raw);
    throw new Error(`${name}: compression method ${entry.method}`);
  }
}

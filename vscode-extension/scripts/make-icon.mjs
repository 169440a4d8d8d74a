// Draws images/icon.png (128x128 RGBA): stacked shipping containers on a berth over water,
// on a rounded navy square. Pure Node (zlib for the PNG's deflate stream); run it again
// after changing the drawing: `node scripts/make-icon.mjs`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = new Uint8Array(size * size * 4); // transparent

function blend(x, y, [r, g, b], alpha = 1) {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  const i = (y * size + x) * 4;
  const a0 = pixels[i + 3] / 255;
  const a = alpha + a0 * (1 - alpha);
  const mix = (c, c0) => Math.round((c * alpha + c0 * a0 * (1 - alpha)) / (a || 1));
  pixels[i] = mix(r, pixels[i]);
  pixels[i + 1] = mix(g, pixels[i + 1]);
  pixels[i + 2] = mix(b, pixels[i + 2]);
  pixels[i + 3] = Math.round(a * 255);
}

// Coverage of a pixel by a shape, by 4x4 supersampling: smooth edges.
function fill(inside, color) {
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hits++;
      }
      if (hits) blend(x, y, color, hits / 16);
    }
  }
}

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const navy = [16, 42, 84];
const white = [245, 248, 252];
const orange = [242, 140, 40];
const teal = [38, 178, 196];
const water = [56, 128, 214];

fill(roundedRect(4, 4, 124, 124, 22), navy);
// Three containers: two side by side, one on top; each with vertical ribs.
const container = (x0, y0, w, h, color) => {
  fill(roundedRect(x0, y0, x0 + w, y0 + h, 2.5), color);
  for (let k = 1; k < 5; k++) {
    const rx = x0 + (w * k) / 5;
    fill((x, y) => x > rx - 0.9 && x < rx + 0.9 && y > y0 + 4 && y < y0 + h - 4, navy);
  }
};
container(22, 60, 40, 22, orange);
container(66, 60, 40, 22, teal);
container(44, 34, 40, 22, white);
// The berth (quay) and the water below it.
fill(roundedRect(14, 86, 114, 93, 2), white);
const wave = (yBase) => (x, y) => {
  const crest = yBase + 3 * Math.sin((x / 128) * Math.PI * 6);
  return x > 16 && x < 112 && y > crest && y < crest + 4.5;
};
fill(wave(99), water);
fill(wave(108), water);

// PNG: signature, IHDR, IDAT (filter byte 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) Buffer.from(pixels.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);

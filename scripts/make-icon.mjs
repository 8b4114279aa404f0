// Draws the extension icon (a padlock on a Kubernetes-blue rounded square) as a PNG, with no image tools.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const px = Buffer.alloc(size * size * 4);
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    let rgba = [0, 0, 0, 0];
    // 4x supersampling for smooth edges.
    let bg = 0, lock = 0, hole = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const fx = x + (sx + 0.5) / 4, fy = y + (sy + 0.5) / 4;
      if (inRoundRect(fx, fy, 4, 4, 124, 124, 24)) bg++;
      const d = Math.hypot(fx - 64, fy - 56);
      const shackle = fy <= 56 && d >= 18 && d <= 28;
      const body = inRoundRect(fx, fy, 32, 54, 96, 104, 8);
      if (shackle || body) lock++;
      if (Math.hypot(fx - 64, fy - 74) <= 7 || (Math.abs(fx - 64) <= 3 && fy >= 74 && fy <= 90)) hole++;
    }
    const blend = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
    rgba = [50, 108, 229, Math.round((bg / 16) * 255)];
    rgba = blend(rgba, [255, 255, 255, rgba[3]], lock / 16);
    rgba = blend(rgba, [50, 108, 229, rgba[3]], hole / 16);
    px.set(rgba, (y * size + x) * 4);
  }
}
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr.set([8, 6, 0, 0, 0], 8);
writeFileSync('images/icon.png', Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));

#!/usr/bin/env node
// Draws the app icons (public/*.png) from the shapes of public/favicon.svg, with Node built-ins only:
// the build machines have no SVG rasteriser, and the icons must not drift from the favicon.
//
//   node scripts/icons.mjs          # writes the PNGs
//   node scripts/icons.mjs --check  # fails if a committed PNG differs from what this draws
//
// favicon.svg is a 32×32 rounded square (rx 7) in the brand blue, a "B" stroked in white (width 2.6,
// round joins) and a green dot. Each shape is drawn through its signed distance in pixels, which
// gives one-pixel anti-aliased edges without supersampling. If favicon.svg changes, change SHAPES.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const PUBLIC = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const BLUE = [0x1f, 0x6f, 0xeb];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x7e, 0xe7, 0x87];

/** The favicon's path "M10 7h5.5a5 5 0 0 1 3.6 8.5A5.5 5.5 0 0 1 16 25h-6z" as a closed polyline. */
function letterB() {
  const points = [[10, 7], [15.5, 7]];
  arc(points, [15.5, 7], [19.1, 15.5], 5);
  arc(points, [19.1, 15.5], [16, 25], 5.5);
  points.push([10, 25], [10, 7]);
  return points;
}

/** Appends a circular SVG arc (small arc, positive sweep) from `a` to `b` as short segments. */
function arc(points, [x1, y1], [x2, y2], r) {
  // SVG implementation notes F.6.5 with rx = ry = r, no rotation, large-arc 0, sweep 1.
  const hx = (x1 - x2) / 2;
  const hy = (y1 - y2) / 2;
  // The + root: large-arc (0) differs from sweep (1).
  const k = Math.sqrt(Math.max(0, (r * r - hx * hx - hy * hy) / (hx * hx + hy * hy)));
  const cx = k * hy + (x1 + x2) / 2;
  const cy = -k * hx + (y1 + y2) / 2;
  const start = Math.atan2(y1 - cy, x1 - cx);
  let sweep = Math.atan2(y2 - cy, x2 - cx) - start;
  if (sweep < 0) sweep += 2 * Math.PI;
  const steps = 64;
  for (let i = 1; i <= steps; i++) {
    const angle = start + (sweep * i) / steps;
    points.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
}

const B = letterB();

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Signed distance (favicon units) to each shape; negative inside. */
const SHAPES = [
  {
    color: WHITE,
    distance: (x, y) => {
      let d = Infinity;
      for (let i = 1; i < B.length; i++) d = Math.min(d, segmentDistance(x, y, B[i - 1], B[i]));
      return d - 1.3; // stroke-width 2.6; round joins are exactly the distance to the polyline
    },
  },
  { color: GREEN, distance: (x, y) => Math.hypot(x - 23, y - 23) - 3 },
];

function roundedSquare(x, y, radius) {
  const qx = Math.abs(x - 16) - (16 - radius);
  const qy = Math.abs(y - 16) - (16 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * RGBA pixels of one icon. `scale` shrinks the drawing about the centre (a maskable icon keeps it
 * inside the middle 80 % circle); `fullBleed` fills the whole square (platforms that cut their own
 * shape: maskable icons, iOS) instead of the favicon's rounded corners.
 */
function draw(size, { scale = 1, fullBleed = false }) {
  const unit = 32 / size; // favicon units per pixel
  const pixels = Buffer.alloc(size * size * 4);
  const cover = (distanceInUnits, unitsPerPixel) => Math.min(1, Math.max(0, 0.5 - distanceInUnits / unitsPerPixel));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) * unit;
      const y = (py + 0.5) * unit;
      let [r, g, b] = BLUE;
      let alpha = fullBleed ? 1 : cover(roundedSquare(x, y, 7), unit);
      // The drawing, scaled about the centre: distances shrink with it.
      const sx = 16 + (x - 16) / scale;
      const sy = 16 + (y - 16) / scale;
      for (const shape of SHAPES) {
        const a = cover(shape.distance(sx, sy) * scale, unit);
        if (a > 0) {
          r += (shape.color[0] - r) * a;
          g += (shape.color[1] - g) * a;
          b += (shape.color[2] - b) * a;
        }
      }
      const at = (py * size + px) * 4;
      pixels[at] = Math.round(r);
      pixels[at + 1] = Math.round(g);
      pixels[at + 2] = Math.round(b);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG, every row with filter 0 (the deflate level does the rest). */
function png(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ICONS = [
  { file: 'icon-192.png', size: 192 },
  { file: 'icon-512.png', size: 512 },
  // Maskable: the launcher cuts its own shape out of the full square; the safe zone is the middle
  // 80 % circle, and the dot's far edge sits at 0.81 of the half-size, so the drawing shrinks to 0.8.
  { file: 'icon-maskable-512.png', size: 512, scale: 0.8, fullBleed: true },
  // iOS rounds the corners itself and shows transparency as black: opaque, full square.
  { file: 'apple-touch-icon.png', size: 180, fullBleed: true },
];

const check = process.argv.includes('--check');
let stale = 0;
for (const icon of ICONS) {
  const bytes = png(icon.size, draw(icon.size, icon));
  const path = join(PUBLIC, icon.file);
  if (check) {
    let old = null;
    try {
      old = readFileSync(path);
    } catch {
      // missing counts as stale
    }
    if (old === null || !old.equals(bytes)) {
      console.error(`${icon.file} is not what scripts/icons.mjs draws; run: node scripts/icons.mjs`);
      stale++;
    }
  } else {
    writeFileSync(path, bytes);
    console.log(`${icon.file}: ${icon.size}×${icon.size}, ${bytes.length} bytes`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;

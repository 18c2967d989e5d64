#!/usr/bin/env node
/**
 * Draws the add-in's icon (a blue tile with a checked list) at the sizes the
 * manifest and Office ask for, and writes them to assets/ as PNG files.
 * Run it again after changing the drawing: node scripts/make-icons.js
 */
"use strict";
const { deflateSync } = require("node:zlib");
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");

const SIZES = [16, 32, 64, 80, 128];
const BLUE = [31, 78, 121];
const WHITE = [255, 255, 255];
const GREEN = [112, 173, 71];

/** Colour at (x, y) in a 1×1 design space, or null for transparent. */
function paint(x, y) {
  const r = 0.16;
  const inTile =
    x >= 0.04 && x <= 0.96 && y >= 0.04 && y <= 0.96 &&
    !(
      (x < 0.04 + r && y < 0.04 + r && Math.hypot(x - 0.04 - r, y - 0.04 - r) > r) ||
      (x > 0.96 - r && y < 0.04 + r && Math.hypot(x - 0.96 + r, y - 0.04 - r) > r) ||
      (x < 0.04 + r && y > 0.96 - r && Math.hypot(x - 0.04 - r, y - 0.96 + r) > r) ||
      (x > 0.96 - r && y > 0.96 - r && Math.hypot(x - 0.96 + r, y - 0.96 + r) > r)
    );
  if (!inTile) return null;
  // Three list lines.
  for (const row of [0.3, 0.5, 0.7]) {
    if (x >= 0.42 && x <= 0.82 && Math.abs(y - row) <= 0.045) return WHITE;
  }
  // Three boxes, the first two ticked.
  for (const [i, row] of [0.3, 0.5, 0.7].entries()) {
    const inBox = Math.abs(x - 0.26) <= 0.07 && Math.abs(y - row) <= 0.07;
    if (!inBox) continue;
    return i < 2 ? GREEN : WHITE;
  }
  return BLUE;
}

function crc32(buffer) {
  let crc = -1;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0];
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const n = samples * samples;
      row.push(a ? Math.round(r / a) : 0, a ? Math.round(g / a) : 0, a ? Math.round(b / a) : 0, Math.round((255 * a) / n));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const out = join(__dirname, "..", "assets");
mkdirSync(out, { recursive: true });
for (const size of SIZES) writeFileSync(join(out, `icon-${size}.png`), png(size));
console.log(`Wrote ${SIZES.map((s) => `icon-${s}.png`).join(", ")} to assets/`);

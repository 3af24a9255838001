// A minimal PNG reader for the tests: 8-bit greyscale, RGB, grey+alpha or RGBA, not
// interlaced (what libpng's simplified writer produces for the golden vectors). Returns
// { width, height, rgb: Uint32Array of 0xRRGGBB } and throws on anything else.
import { inflateSync } from 'node:zlib';

const kSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const kChannels = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function readPng(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  kSignature.forEach((b, i) => {
    if (bytes[i] !== b) throw new Error('not a PNG');
  });
  let pos = 8, width = 0, height = 0, colourType = -1;
  const idat = [];
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const data = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      const depth = data[8];
      colourType = data[9];
      if (depth !== 8 || !(colourType in kChannels) || data[12] !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${data[12]}`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + len; // length, type, data, CRC
  }
  const channels = kChannels[colourType];
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG data too short');
  const img = new Uint8Array(height * stride);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    for (let i = 0; i < stride; ++i) {
      const a = i >= channels ? img[row + i - channels] : 0;
      const b = y > 0 ? img[row - stride + i] : 0;
      const c = y > 0 && i >= channels ? img[row - stride + i - channels] : 0;
      let v = src[i];
      switch (filter) {
        case 0: break;
        case 1: v += a; break;
        case 2: v += b; break;
        case 3: v += (a + b) >> 1; break;
        case 4: v += paeth(a, b, c); break;
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      img[row + i] = v & 0xff;
    }
  }
  const rgb = new Uint32Array(width * height);
  for (let i = 0; i < width * height; ++i) {
    const p = i * channels;
    rgb[i] = channels >= 3 ? (img[p] << 16) | (img[p + 1] << 8) | img[p + 2]
                           : img[p] * 0x010101;
  }
  return { width, height, rgb };
}

// The weights file's compact storage of one head: the buckets that carry weight (delta-encoded
// varints) followed by their weights as one signed byte each on a logarithmic scale (about 4 %
// relative error from 0.01 up to the largest weight), all base64 in one string. Pure, the same in
// Node and in the browser (atob/btoa).

/** One classifier head as stored in its weights file (weights-crisis.ts, …). */
export interface StoredHead {
  /** Class names; the first is the reference class ("none"), whose logit is 0. */
  classes: string[];
  /** The largest |weight|: byte ±127 decodes to ±scale. */
  scale: number;
  /** How many buckets carry a weight. */
  count: number;
  /** base64 of varint(Δbucket)… then count × (classes − 1) signed bytes. */
  data: string;
  /** Decision thresholds on the model's probabilities, chosen on out-of-fold scores. */
  thresholds: Record<string, number>;
}

/**
 * Packs a dense weight table (bucket-major: weights[bucket * (k − 1) + c]) keeping only the
 * `maxBuckets` buckets with the largest weights (ties: the lower bucket).
 */
export function encodeHead(
  weights: Float32Array | Float64Array,
  classes: string[],
  thresholds: Record<string, number>,
  maxBuckets: number,
): StoredHead {
  const k = classes.length - 1;
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max === 0 ? 1 : max;
  const strength: Array<[number, number]> = [];
  for (let b = 0; b * k < weights.length; b++) {
    let m = 0;
    for (let c = 0; c < k; c++) m = Math.max(m, Math.abs(weights[b * k + c]));
    if (m > 0) strength.push([b, m]);
  }
  strength.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const buckets = strength
    .slice(0, maxBuckets)
    .map(([b]) => b)
    .sort((x, y) => x - y);
  const bytes: number[] = [];
  let prev = 0;
  for (const b of buckets) {
    let delta = b - prev;
    prev = b;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  for (const b of buckets) {
    for (let c = 0; c < k; c++) {
      bytes.push(quantise(weights[b * k + c], scale) & 0xff);
    }
  }
  return { classes, scale, count: buckets.length, data: toBase64(Uint8Array.from(bytes)), thresholds };
}

/** Unpacks a stored head into a dense table of `size` buckets × (classes − 1). */
export function decodeHead(head: StoredHead, size: number): Float32Array {
  const k = head.classes.length - 1;
  const bytes = fromBase64(head.data);
  const out = new Float32Array(size * k);
  const buckets = new Int32Array(head.count);
  let pos = 0;
  let bucket = 0;
  for (let i = 0; i < head.count; i++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[pos++];
      delta |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    bucket += delta;
    if (bucket >= size) throw new Error(`safety model: bucket ${bucket} out of range`);
    buckets[i] = bucket;
  }
  for (let i = 0; i < head.count; i++) {
    for (let c = 0; c < k; c++) {
      const q = bytes[pos++];
      out[buckets[i] * k + c] = dequantise(q >= 0x80 ? q - 0x100 : q, head.scale);
    }
  }
  if (pos !== bytes.length) throw new Error('safety model: weights data has the wrong length');
  return out;
}

// Weights near zero are common and large ones rare: bytes step evenly in log(1 + |w| / SOFT).
const SOFT = 0.01;

function quantise(w: number, scale: number): number {
  const q = Math.round((127 * Math.log1p(Math.abs(w) / SOFT)) / Math.log1p(scale / SOFT));
  return Math.sign(w) * Math.min(127, q);
}

function dequantise(q: number, scale: number): number {
  return Math.sign(q) * SOFT * Math.expm1((Math.abs(q) / 127) * Math.log1p(scale / SOFT));
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(data: string): Uint8Array {
  const s = atob(data);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

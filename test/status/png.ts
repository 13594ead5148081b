/** Reads the pixels of a PNG (8-bit RGB or RGBA, not interlaced: what Chromium's screenshots are), with Node's zlib. */
import * as zlib from "zlib";

export interface Image {
    width: number;
    height: number;
    /** `[r, g, b]` of the pixel at `x`, `y`. */
    pixel(x: number, y: number): [number, number, number];
}

export function decodePng(data: Buffer): Image {
    if (data.subarray(0, 8).toString("hex") !== "89504e470d0a1a0a") {
        throw new Error("not a PNG");
    }
    let offset = 8;
    let width = 0;
    let height = 0;
    let channels = 0;
    const compressed: Buffer[] = [];
    while (offset < data.length) {
        const length = data.readUInt32BE(offset);
        const type = data.subarray(offset + 4, offset + 8).toString("ascii");
        const body = data.subarray(offset + 8, offset + 8 + length);
        if (type === "IHDR") {
            width = body.readUInt32BE(0);
            height = body.readUInt32BE(4);
            const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
            channels = { 2: 3, 6: 4 }[colour as 2 | 6] ?? 0;
            if (depth !== 8 || channels === 0 || interlace !== 0) {
                throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
            }
        } else if (type === "IDAT") {
            compressed.push(body);
        }
        offset += 12 + length;
    }
    const raw = zlib.inflateSync(Buffer.concat(compressed));
    const stride = width * channels;
    const pixels = Buffer.alloc(height * stride);
    for (let y = 0; y < height; y++) {
        const filter = raw[y * (stride + 1)];
        for (let x = 0; x < stride; x++) {
            const value = raw[y * (stride + 1) + 1 + x];
            const left = x >= channels ? pixels[y * stride + x - channels] : 0;
            const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
            const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
            const paeth = () => {
                const p = left + up - upLeft;
                const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
                return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
            };
            const predictor = [0, left, up, (left + up) >> 1, paeth()][filter];
            pixels[y * stride + x] = (value + predictor) & 0xff;
        }
    }
    return {
        width,
        height,
        pixel: (x, y) => {
            const at = y * stride + x * channels;
            return [pixels[at], pixels[at + 1], pixels[at + 2]];
        },
    };
}

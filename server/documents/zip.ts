/**
 * A streaming ZIP (fflate's Zip, already a dependency): entries are written as they are produced and the
 * producer waits while the client has not taken what was sent, so a customer's file of many PDFs never
 * sits in memory whole. Names are UTF-8 (flag bit 11), which current unzip tools and Windows read.
 */
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipSink {
  /** adds one file; PDFs (already compressed) are stored, text is deflated */
  add(name: string, data: Uint8Array | string): Promise<void>;
}

const HIGH_WATER = 4 * 1024 * 1024;

export function zipStream(mtime: Date, produce: (zip: ZipSink) => Promise<void>, onError: (err: unknown) => void): ReadableStream<Uint8Array> {
  let resume: (() => void) | undefined;
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const zip = new Zip((err, chunk, final) => {
          if (err) return controller.error(err);
          if (!cancelled && chunk.length) controller.enqueue(chunk);
          if (final && !cancelled) controller.close();
        });
        const room = async () => {
          while (!cancelled && (controller.desiredSize ?? 1) <= 0)
            await new Promise<void>((r) => {
              resume = r;
            });
          if (cancelled) throw new Error('download cancelled');
        };
        const sink: ZipSink = {
          async add(name, data) {
            await room();
            const bytes = typeof data === 'string' ? strToU8(data) : data;
            const entry = typeof data === 'string' ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
            entry.mtime = mtime;
            zip.add(entry);
            entry.push(bytes, true);
          },
        };
        produce(sink).then(
          () => zip.end(),
          (err) => {
            if (cancelled) return;
            onError(err);
            controller.error(err);
          },
        );
      },
      pull() {
        resume?.();
        resume = undefined;
      },
      cancel() {
        cancelled = true;
        resume?.();
      },
    },
    { highWaterMark: HIGH_WATER, size: (chunk) => chunk.byteLength },
  );
}

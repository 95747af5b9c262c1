import { Writable } from 'node:stream';

/** A writable stream that keeps what was written, for console output in tests. */
export function captureStream(): Writable & { text(): string; clear(): void } {
  let chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Writable & { text(): string; clear(): void };
  stream.text = () => chunks.join('');
  stream.clear = () => {
    chunks = [];
  };
  return stream;
}

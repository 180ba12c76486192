/** Streams HAR text chunks through HarStream (@streamparser/json) into a HarCollector. Pure: the caller supplies the chunks. */
import { HarCollector, type HarCapture, type SignalParsers } from './collect';
import { HarStream, type HarStreamOptions } from './stream';

/**
 * Reads a whole HAR from string chunks (sync or async iterable) into a compact capture.
 * Throws HarFormatError for empty input, non-HAR JSON or truncated JSON.
 */
export async function readHar(
  chunks: AsyncIterable<string> | Iterable<string>,
  parsers: SignalParsers,
  options: HarStreamOptions = {},
): Promise<HarCapture> {
  const stream = new HarStream(options);
  const collector = new HarCollector(parsers);
  for await (const chunk of chunks) for (const item of stream.push(chunk)) collector.add(item);
  stream.end();
  return { ...collector.capture, truncatedHeaders: stream.truncatedHeaders };
}

import type { ColumnBatch } from '../columns/table-buffer.js';
import { CELLS_PER_PAUSE, batchBodies, batchBodiesPausing, batchMessage, ipcTypes, streamFrame, writeBatchMessage, type IpcType, type StreamFrame } from './arrow-ipc-batch.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/**
 * Arrow IPC stream format (schema, dictionaries once, one message per batch, end-of-stream marker),
 * the bytes of Apache Arrow's stream writer, each batch written straight from the typed stores
 * (arrow-ipc-batch.ts).
 */
export class ArrowIpcEncoder implements TableEncoder {
  private readonly types: IpcType[];
  private readonly frame: StreamFrame;
  private started = false;

  constructor(private readonly options: EncoderOptions) {
    this.types = ipcTypes(options.table, options.columns);
    this.frame = streamFrame(options.table, options.columns, this.types);
  }

  async write(batch: ColumnBatch) {
    const pause = this.options.pause;
    const bodies =
      pause && batch.length * batch.columns.length >= CELLS_PER_PAUSE
        ? await (async () => {
            await pause();
            return batchBodiesPausing(batch, this.types, 0, batch.length, pause, { sincePause: 0 });
          })()
        : batchBodies(batch, this.types, 0, batch.length);
    const message = batchMessage(batch.length, bodies);
    // The first batch follows the schema and the dictionaries.
    const head = this.started ? 0 : this.frame.head.length;
    const out = new Uint8Array(head + message.byteLength);
    if (head) out.set(this.frame.head);
    writeBatchMessage(message, out, head);
    this.started = true;
    await this.options.sink.write(out);
  }

  async finish() {
    // A stream of no batch is the schema and the end of stream.
    if (!this.started) await this.options.sink.write(this.frame.head.slice(0, this.frame.schemaLength));
    await this.options.sink.write(this.frame.end);
  }
}

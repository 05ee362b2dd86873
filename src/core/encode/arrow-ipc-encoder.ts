import { AsyncByteQueue, RecordBatchStreamWriter, type Schema } from 'apache-arrow';
import type { ColumnBatch } from '../columns/table-buffer.js';
import { CELLS_PER_PAUSE, arrowSchema, toRecordBatch, toRecordBatchPausing } from './arrow-batch.js';
import type { EncoderOptions, TableEncoder } from './encoder.js';

/** Keeps the writer's output chunks so that they can be handed to the sink batch by batch. */
class ChunkCollector extends AsyncByteQueue {
  chunks: Uint8Array[] = [];
  override write(value: Uint8Array) {
    this.chunks.push(value.slice());
  }
}

/** Arrow IPC stream format (schema, dictionaries once, one message per batch, end-of-stream marker). */
export class ArrowIpcEncoder implements TableEncoder {
  private readonly writer = new RecordBatchStreamWriter({ autoDestroy: false });
  private readonly collector = new ChunkCollector();
  private readonly schema: Schema;

  constructor(private readonly options: EncoderOptions) {
    this.schema = arrowSchema(options.table, options.columns);
    this.writer.reset(this.collector, this.schema);
  }

  private async drain() {
    const chunks = this.collector.chunks;
    this.collector.chunks = [];
    for (const c of chunks) await this.options.sink.write(c);
  }

  async write(batch: ColumnBatch) {
    const pause = this.options.pause;
    this.writer.write(pause && batch.length * batch.columns.length >= CELLS_PER_PAUSE ? await toRecordBatchPausing(batch, this.schema, pause) : toRecordBatch(batch, this.schema));
    await this.drain();
  }

  async finish() {
    this.writer.finish();
    await this.drain();
  }
}

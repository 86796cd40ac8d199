// One server process of the bench's two-process configuration (node:cluster): the pipeline on a
// port the workers share, measured on the primary's command.
import { startPipeline } from './pipeline-server';

export type WorkerCommand = { kind: 'start-measure' } | { kind: 'stop-measure' } | { kind: 'idle' } | { kind: 'close' };
export type WorkerReply =
  | { kind: 'ready'; url: string }
  | { kind: 'started' }
  | { kind: 'measured'; cpuMs: number; writes: number }
  | { kind: 'idle' }
  | { kind: 'closed' };

const send = (reply: WorkerReply) => process.send?.(reply);

const pipeline = await startPipeline({
  redisUrl: String(process.env.BENCH_REDIS_URL),
  graphUrl: String(process.env.BENCH_GRAPH_URL),
  dataDir: String(process.env.BENCH_DATA_DIR),
  inMemory: true,
  port: Number(process.env.BENCH_PORT),
});
let cpuBefore = process.cpuUsage();
process.on('message', async (command: WorkerCommand) => {
  if (command.kind === 'start-measure') {
    pipeline.documents.take();
    cpuBefore = process.cpuUsage();
    send({ kind: 'started' });
  } else if (command.kind === 'stop-measure') {
    const cpu = process.cpuUsage(cpuBefore);
    send({ kind: 'measured', cpuMs: (cpu.user + cpu.system) / 1000, writes: pipeline.documents.take().total });
  } else if (command.kind === 'idle') {
    await pipeline.service.idle();
    send({ kind: 'idle' });
  } else {
    await pipeline.close();
    send({ kind: 'closed' });
    process.exit(0);
  }
});
send({ kind: 'ready', url: pipeline.url });

// title: A request times out on a server that never answers: what http.get and fetch report, by how the timeout was written
import { fetchFrom, httpServerThat, request } from '../lab/node-client.ts';

const server = await httpServerThat();
await request(server.url('never'), { destroyAfterMs: 50 });                 //=> linux: error ECONNRESET · predict
await request(server.url('never'), { signal: AbortSignal.timeout(50) });    //=> linux: error ABORT_ERR · predict
await fetchFrom(server.url('never'), AbortSignal.timeout(50));             //=> linux: rejected TimeoutError

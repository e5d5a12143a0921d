// title: The server closes (FIN) or resets (RST) the connection instead of answering: what http.get and fetch report
import { fetchFrom, httpServerThat, request } from '../lab/node-client.ts';

const server = await httpServerThat();
await request(server.url('closes'));      //=> linux: error ECONNRESET · predict
await request(server.url('resets'));      //=> linux: error ECONNRESET · predict
await fetchFrom(server.url('ok'));        //=> linux: response 200
await fetchFrom(server.url('closes'));    //=> linux: rejected UND_ERR_SOCKET
await fetchFrom(server.url('resets'));    //=> linux: rejected ECONNRESET

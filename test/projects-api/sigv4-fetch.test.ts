import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';
import { createSigV4Fetch } from '../../src/projects-api/sigv4-fetch';
import { sigV4Problem, TEST_CREDENTIALS } from '../emulators/projects-api';

/** What a loopback server received, headers included (the Projects API emulator keeps no headers). */
interface Received {
  readonly method: string;
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

let server: Server;
let received: Received[];

beforeEach(async () => {
  received = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', target: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function send(method: 'GET' | 'POST', body?: string): Promise<Received> {
  const signedFetch = createSigV4Fetch({ region: 'us-east-1', service: 'bedrock-mantle', credentials: async () => TEST_CREDENTIALS });
  const { port } = server.address() as AddressInfo;
  const response = await signedFetch(new URL(`http://127.0.0.1:${port}/v1/organization/projects?limit=1`), { method, body });
  expect(response.status).toBe(200);
  const request = received[received.length - 1];
  const problem = sigV4Problem(request, { region: 'us-east-1', service: 'bedrock-mantle', secrets: new Map([[TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey]]) });
  expect(problem).toBeUndefined();
  return request;
}

test('a request asks for JSON and names the library as its user agent', async () => {
  const { headers } = await send('GET');
  expect(headers.accept).toBe('application/json');
  expect(headers['user-agent']).toBe('cdk-bedrock-projects');
});

test('a request with a body declares it as JSON, and the declaration is signed', async () => {
  const { headers, body } = await send('POST', '{"name":"chatbot"}');
  expect(headers['content-type']).toBe('application/json');
  expect(headers.authorization).toMatch(/SignedHeaders=[a-z0-9;-]*content-type/);
  expect(body.toString('utf8')).toBe('{"name":"chatbot"}');
});

test('a request without a body declares no content type', async () => {
  const { headers } = await send('POST');
  expect(headers['content-type']).toBeUndefined();
  expect((await send('GET')).headers['content-type']).toBeUndefined();
});

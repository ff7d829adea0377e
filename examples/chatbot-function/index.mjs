// Answers a question with the Responses API, in the Bedrock project this function is
// configured for: project.configureFunction(fn) sets OPENAI_BASE_URL and OPENAI_PROJECT_ID,
// which the OpenAI SDK reads, and grants bedrock-mantle:CreateInference on that project only.
//
// Requests are signed with the function's role (SigV4, service "bedrock-mantle"), so no API key
// is stored anywhere. The packages below are not part of the Lambda runtime: run `npm install
// --omit=dev` in this folder (or bundle the file) before deploying.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import OpenAI from 'openai';

const baseUrl = new URL(process.env.OPENAI_BASE_URL);

const signer = new SignatureV4({
  service: 'bedrock-mantle',
  // Projects are regional: sign for the region of the endpoint, bedrock-mantle.<region>.api.aws
  // (another endpoint, such as a local test server, is signed for the function's own region).
  region: /^bedrock-mantle\.([a-z0-9-]+)\.api\.aws$/.exec(baseUrl.hostname)?.[1] ?? process.env.AWS_REGION,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
    sessionToken: process.env.AWS_SESSION_TOKEN,
  },
  sha256: Sha256,
});

/** fetch that replaces the SDK's bearer header with a SigV4 signature of the function's role. */
async function signedFetch(url, init = {}) {
  const target = new URL(url);
  const headers = Object.fromEntries(new Headers(init.headers));
  delete headers.authorization;
  const signed = await signer.sign({
    method: init.method ?? 'GET',
    protocol: target.protocol,
    hostname: target.hostname,
    path: target.pathname,
    query: Object.fromEntries(target.searchParams),
    headers: { ...headers, host: target.hostname },
    body: init.body,
  });
  // fetch sets Host itself, from the same URL that was signed.
  delete signed.headers.host;
  return fetch(url, { ...init, headers: signed.headers });
}

// The SDK insists on an API key; the signature replaces it.
const client = new OpenAI({ apiKey: 'signed-with-sigv4', fetch: signedFetch });

// Any model the bedrock-mantle endpoint serves; the stack sets MODEL_ID.
const model = process.env.MODEL_ID ?? 'openai.gpt-oss-120b';

export async function handler(event) {
  const response = await client.responses.create({
    model,
    input: event.question ?? 'What can you help me with?',
  });
  return { answer: response.output_text };
}

// The handlers are bundled with everything they import, so these packages are devDependencies on purpose.
// eslint-disable-next-line import/no-extraneous-dependencies
import { Sha256 } from '@aws-crypto/sha256-js';
// eslint-disable-next-line import/no-extraneous-dependencies
import { HttpRequest } from '@smithy/protocol-http';
// eslint-disable-next-line import/no-extraneous-dependencies
import { SignatureV4 } from '@smithy/signature-v4';

/** AWS credentials, as the SDK credential providers return them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Returns current credentials; providers refresh and cache them themselves. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/** What {@link createSigV4Fetch} signs for. */
export interface SigV4FetchOptions {
  /** The signing region: the region of the endpoint. */
  readonly region: string;
  /** The signing service name. */
  readonly service: string;
  readonly credentials: AwsCredentialsProvider;
}

/** One request to sign and send. */
export interface SignedRequestInit {
  readonly method: 'GET' | 'POST';
  /** A JSON body; POSTs without a body send none. */
  readonly body?: string;
  /** Aborts the request and the reading of its answer. */
  readonly signal?: AbortSignal;
}

/** Sends one SigV4-signed request; the answer's body is still unread. */
export type SigV4Fetch = (url: URL, init: SignedRequestInit) => Promise<Response>;

/**
 * A `fetch` that signs each request with AWS Signature Version 4, so a Lambda function calls the
 * API with its execution role and no stored secret.
 */
export function createSigV4Fetch(options: SigV4FetchOptions): SigV4Fetch {
  const signer = new SignatureV4({
    service: options.service,
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
  });

  return async (url, init) => {
    const headers: Record<string, string> = {
      'host': url.host,
      'accept': 'application/json',
      'user-agent': 'cdk-bedrock-projects',
    };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => {
      query[key] = value;
    });

    const signed = await signer.sign(new HttpRequest({
      method: init.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers,
      body: init.body,
    }));

    // fetch derives Host from the URL (the same value that was signed) and refuses to be told it.
    const sendHeaders = { ...signed.headers } as Record<string, string>;
    delete sendHeaders.host;
    return fetch(url, { method: init.method, headers: sendHeaders, body: init.body, signal: init.signal });
  };
}

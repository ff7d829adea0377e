import { createHash, createHmac, timingSafeEqual } from 'crypto';
import { IncomingHttpHeaders } from 'http';

/**
 * An independent check of AWS Signature Version 4 (the AWS General Reference's algorithm, written
 * here without the signing library under test), so that a client signing for the wrong service
 * or region, or signing something other than what it sends, is refused as AWS would refuse it.
 */

export interface SigV4Expectation {
  readonly region: string;
  readonly service: string;
  /** Secret keys by access key id. When empty, only the header's form and scope are checked. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Largest accepted clock difference; AWS allows 5 minutes. */
  readonly maxSkewMs?: number;
}

export interface SignedRequestParts {
  readonly method: string;
  /** The request target as received: path and query, still percent-encoded. */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** Why the request's signature is refused, or undefined when it is accepted. */
export function sigV4Problem(request: SignedRequestParts, expected: SigV4Expectation): string | undefined {
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) {
    return 'Missing Authorization header';
  }
  const match = AUTHORIZATION.exec(authorization);
  if (match === null) {
    return 'Authorization header is not an AWS4-HMAC-SHA256 signature';
  }
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match;
  if (service !== expected.service) {
    return `Credential should be scoped to service '${expected.service}', not '${service}'`;
  }
  if (region !== expected.region) {
    return `Credential should be scoped to region '${expected.region}', not '${region}'`;
  }
  const amzDate = header(request.headers, 'x-amz-date');
  if (amzDate === undefined || !/^\d{8}T\d{6}Z$/.test(amzDate) || !amzDate.startsWith(date)) {
    return 'X-Amz-Date is missing or does not match the credential scope date';
  }
  const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  if (Math.abs(Date.now() - signedAt) > (expected.maxSkewMs ?? 5 * 60_000)) {
    return 'Signature expired: X-Amz-Date is too far from the server time';
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) {
    return 'SignedHeaders must include host and x-amz-date';
  }
  // Temporary credentials (a Lambda role's) are only valid with their session token, and a token
  // outside the signature could be swapped in transit: when one is sent, it must be signed.
  if (header(request.headers, 'x-amz-security-token') !== undefined && !signedHeaders.includes('x-amz-security-token')) {
    return 'The security token included in the request is not signed: X-Amz-Security-Token must be in SignedHeaders';
  }
  if (expected.secrets.size === 0) {
    return undefined;
  }
  const secret = expected.secrets.get(accessKeyId);
  if (secret === undefined) {
    return `The security token included in the request is invalid (unknown access key ${accessKeyId})`;
  }

  // The signature covers the body through its hash: a declared hash must be the body's own.
  const bodyHash = sha256Hex(request.body);
  const declaredHash = header(request.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    return 'The provided x-amz-content-sha256 header does not match what was computed';
  }

  const canonicalRequest = [
    request.method,
    canonicalPath(request.target),
    canonicalQuery(request.target),
    signedHeaders.map((name) => `${name}:${(header(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
    signedHeaderList,
    bodyHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${secret}`, date);
  for (const part of [region, service, 'aws4_request']) {
    key = hmac(key, part);
  }
  const expectedSignature = hmac(key, stringToSign);
  if (!timingSafeEqual(expectedSignature, Buffer.from(signature, 'hex'))) {
    return 'The request signature we calculated does not match the signature you provided';
  }
  return undefined;
}

/** Each path segment URI-encoded again, as SigV4 asks of every service but S3. */
function canonicalPath(target: string): string {
  const path = target.split('?')[0] || '/';
  return path.split('/').map(uriEncode).join('/');
}

function canonicalQuery(target: string): string {
  const query = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  const pairs: Array<[string, string]> = [];
  new URLSearchParams(query).forEach((value, key) => pairs.push([uriEncode(key), uriEncode(value)]));
  pairs.sort(([keyA, valueA], [keyB, valueB]) => (keyA === keyB ? compare(valueA, valueB) : compare(keyA, keyB)));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

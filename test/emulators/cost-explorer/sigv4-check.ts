import { createHash, createHmac } from 'crypto';
import { IncomingHttpHeaders } from 'http';

/** What a request must be signed with. */
export interface SigningExpectation {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  readonly service: string;
}

/**
 * Verifies an AWS Signature Version 4 `Authorization` header the way AWS does: the credential
 * scope must name the expected region and service, and the signature is recomputed from the
 * canonical request with the secret key. Returns a problem description, or `undefined` when the
 * signature is valid.
 */
export function sigV4Problem(
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: string,
  expected: SigningExpectation,
): string | undefined {
  const authorization = headers.authorization;
  if (!authorization) {
    return 'Missing Authentication Token';
  }
  const match = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(authorization);
  if (!match) {
    return `Authorization header is not a SigV4 header: ${authorization}`;
  }
  const [, accessKeyId, date, region, service, signedHeaderList, signature] = match;
  if (accessKeyId !== expected.accessKeyId) {
    return `The security token included in the request is invalid (access key ${accessKeyId})`;
  }
  if (region !== expected.region || service !== expected.service) {
    return `Credential should be scoped to region '${expected.region}' and service '${expected.service}', not '${region}'/'${service}'`;
  }
  const amzDate = String(headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) {
    return `x-amz-date '${amzDate}' does not match the credential date ${date}`;
  }
  const signedAt = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  if (!Number.isFinite(signedAt) || Math.abs(Date.now() - signedAt) > 15 * 60_000) {
    return `Signature expired or not yet valid: x-amz-date '${amzDate}'`;
  }
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) {
    return 'The host header must be signed';
  }
  // Temporary credentials (a Lambda role's) are only valid with their session token, and a token
  // outside the signature could be swapped in transit: when one is sent, it must be signed.
  if (headers['x-amz-security-token'] !== undefined && !signedHeaders.includes('x-amz-security-token')) {
    return 'The security token included in the request is not signed: X-Amz-Security-Token must be in SignedHeaders';
  }

  const canonicalHeaders = signedHeaders.map((name) => {
    const value = headers[name];
    const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
    return `${name}:${text.trim().replace(/\s+/g, ' ')}\n`;
  }).join('');
  const payloadHash = String(headers['x-amz-content-sha256'] ?? sha256(body));
  const canonicalRequest = [method, path, '', canonicalHeaders, signedHeaderList, payloadHash].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');

  let key: Buffer = hmac(`AWS4${expected.secretAccessKey}`, date);
  for (const part of [region, service, 'aws4_request']) {
    key = hmac(key, part);
  }
  const expectedSignature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return expectedSignature === signature ? undefined : 'The request signature we calculated does not match the signature you provided';
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

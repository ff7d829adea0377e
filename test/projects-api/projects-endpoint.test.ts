import { BEDROCK_MANTLE_ENDPOINT_ENV, GLOBAL_ENDPOINT_ENV, resolveProjectsBaseUrl } from '../../src/projects-api/projects-endpoint';

describe('the /v1 path', () => {
  test.each([
    ['an origin', 'http://127.0.0.1:1234', 'http://127.0.0.1:1234/v1'],
    ['an origin with several trailing slashes after /v1', 'http://127.0.0.1:1234/v1//', 'http://127.0.0.1:1234/v1'],
    ['a proxy path ending in /v1', 'https://proxy.example.com/bedrock/v1', 'https://proxy.example.com/bedrock/v1'],
    ['a proxy path without /v1', 'https://proxy.example.com/bedrock', 'https://proxy.example.com/bedrock/v1'],
    ['the OpenAI router under a proxy path', 'https://proxy.example.com/bedrock/openai/v1', 'https://proxy.example.com/bedrock/v1'],
    ['a path that only starts with /v1', 'https://proxy.example.com/v1/bedrock', 'https://proxy.example.com/v1/bedrock/v1'],
  ])('%s', (_, endpoint, baseUrl) => {
    expect(resolveProjectsBaseUrl('us-east-1', endpoint, {})).toBe(baseUrl);
  });
});

describe('where the endpoint comes from', () => {
  test('an empty or blank service endpoint variable falls back to the global one', () => {
    for (const blank of ['', '  ']) {
      const env = { [BEDROCK_MANTLE_ENDPOINT_ENV]: blank, [GLOBAL_ENDPOINT_ENV]: 'http://127.0.0.1:9' };
      expect(resolveProjectsBaseUrl('us-east-1', undefined, env)).toBe('http://127.0.0.1:9/v1');
    }
  });

  test('a blank explicit endpoint falls back to the environment', () => {
    expect(resolveProjectsBaseUrl('us-east-1', ' ', { [GLOBAL_ENDPOINT_ENV]: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:9/v1');
  });

  test('an endpoint pasted with non-breaking spaces around it still resolves', () => {
    expect(resolveProjectsBaseUrl('us-east-1', '\u00a0http://127.0.0.1:9\u00a0', {})).toBe('http://127.0.0.1:9/v1');
  });

  test('an endpoint that is not a URL is an error that quotes it and shows the expected form', () => {
    expect(() => resolveProjectsBaseUrl('us-east-1', 'bedrock-mantle', {}))
      .toThrow("Invalid Projects API endpoint 'bedrock-mantle': expected a URL such as https://bedrock-mantle.us-east-1.api.aws");
  });
});

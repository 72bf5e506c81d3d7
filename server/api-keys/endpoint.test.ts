import { expect, it } from 'vitest';
import { sdkEndpoint } from './endpoint';

it('points the SDK at API_PUBLIC_URL, else at this host’s API port', () => {
  expect(sdkEndpoint({ API_PUBLIC_URL: 'https://api.example.com' })).toEqual({ endpoint: 'api.example.com', protocol: 'https://' });
  expect(sdkEndpoint({ API_PORT: '3101' })).toEqual({ endpoint: '127.0.0.1:3101', protocol: 'http://' });
  expect(sdkEndpoint({})).toEqual({ endpoint: '127.0.0.1:3001', protocol: 'http://' });
});

import { describe, expect, it } from 'vitest';
import { humanize, singular } from './humanize';

describe('humanize', () => {
  it('turns field names into labels', () => {
    expect([humanize('maxRetries'), humanize('opt_out_keywords'), humanize('url')]).toEqual(['Max retries', 'Opt out keywords', 'Url']);
  });
});

describe('singular', () => {
  it('names one item of a list', () => {
    expect([singular('Options'), singular('Categories'), singular('Addresses'), singular('Settings')]).toEqual([
      'option',
      'category',
      'address',
      'setting',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { SENTIMENT_CONFIDENCE_THRESHOLD } from './constants';
import { CONFIDENCE_THRESHOLD } from './sentiment/index';

describe('the confidence threshold the overlay prints', () => {
  it('is the kernel’s', () => {
    expect(SENTIMENT_CONFIDENCE_THRESHOLD).toBe(CONFIDENCE_THRESHOLD);
  });
});

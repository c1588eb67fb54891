import { describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLD, MAX_TEXT_CHARS, scoreText, SENTIMENT_MODEL_VERSION, toxicityThresholds, type PostScores } from './index';
import { MODEL_VOCAB } from './weights';

/**
 * The shipped model (weights.ts) on fixed examples: sentences any reader labels the same
 * way, in English, Chinese, mixed, with emoji, links and code. A broken or untrained
 * model fails these; the texts are written here, not taken from the training data.
 */
const tox = toxicityThresholds();
const isToxic = (s: PostScores) => s.toxicity.offensive >= tox.offensive || s.toxicity.toxic >= tox.toxic;

function expectWellFormed(s: PostScores) {
  const p = s.sentiment.probs;
  for (const v of [p.negative, p.neutral, p.positive, s.toxicity.toxic, s.toxicity.offensive, s.toxicity.hate]) {
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
  expect(p.negative + p.neutral + p.positive).toBeCloseTo(1, 9);
  expect(s.sentiment.confidence).toBe(p[s.sentiment.label]);
  expect(s.sentiment.confidence).toBe(Math.max(p.negative, p.neutral, p.positive));
}

describe('shipped model', () => {
  it('is a trained model, not the placeholder', () => {
    expect(MODEL_VOCAB.split('\n').length).toBeGreaterThan(5000);
    expect(SENTIMENT_MODEL_VERSION).toMatch(/^pulse-sentiment-\d+-[0-9a-f]{12}$/);
  });

  it.each([
    ['This is a wonderful, really helpful explanation. Thank you so much!', 'en'],
    ['I love this community, everyone here is so kind and the answers are excellent.', 'en'],
    ['Brilliant tutorial, it finally made window functions click for me. Great job!', 'en'],
    ['酒店环境很好，服务也很热情，早餐丰富，下次还会再来。', 'zh'],
    ['这个解释太棒了，非常清楚，谢谢老师！', 'zh'],
    ['送餐很快，味道很好，分量也足，好评！', 'zh'],
    ['Great explanation, thank you so much! 谢谢！', 'mixed'],
    ['讲得很清楚 and really helpful, 谢谢你，非常有帮助！', 'zh'],
  ] as const)('reads %s as positive (%s)', (text, language) => {
    const s = scoreText(text);
    expectWellFormed(s);
    expect(s.sentiment.label).toBe('positive');
    expect(s.sentiment.probs.positive).toBeGreaterThan(s.sentiment.probs.negative);
    expect(s.language).toBe(language);
  });

  it.each([
    ['This is the worst answer I have ever read. Completely useless and wrong.', 'en'],
    ['Terrible course, a total waste of money. I regret buying it and I am very disappointed.', 'en'],
    ['Awful experience: the app keeps crashing and nothing works.', 'en'],
    ['房间又脏又小，服务态度很差，再也不会来了。', 'zh'],
    ['送餐太慢了，饭菜都凉了，而且很难吃，差评。', 'zh'],
    ['This answer is wrong, 完全没用，太差了，失望', 'mixed'],
  ] as const)('reads %s as negative (%s)', (text, language) => {
    const s = scoreText(text);
    expectWellFormed(s);
    expect(s.sentiment.label).toBe('negative');
    expect(s.sentiment.probs.negative).toBeGreaterThan(s.sentiment.probs.positive);
    expect(s.language).toBe(language);
  });

  it('reads emoji', () => {
    expect(scoreText('Love it 😍😍👍').sentiment.label).toBe('positive');
    expect(scoreText('So sad and angry right now 😠😭').sentiment.label).toBe('negative');
    for (const base of ['the meeting is on tuesday', '会议在星期二']) {
      const plain = scoreText(base).sentiment.probs;
      const happy = scoreText(`${base} 😍😍`).sentiment.probs;
      const cross = scoreText(`${base} 😠😒`).sentiment.probs;
      expect(happy.positive - happy.negative, base).toBeGreaterThan(plain.positive - plain.negative);
      expect(cross.positive - cross.negative, base).toBeLessThan(plain.positive - plain.negative);
    }
  });

  it('is confident on clear cases', () => {
    expect(scoreText('Excellent, amazing, fantastic work. I love it, thank you!').sentiment.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(scoreText('服务太差了，非常失望，再也不来了').sentiment.confidence).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
  });

  it('scores the words, not the link or the code', () => {
    const a = scoreText('Thanks, this guide is really helpful https://example.com/docs?id=1');
    const b = scoreText('Thanks, this guide is really helpful https://other.org/hate/kill/worst');
    expect(b).toEqual(a);
    expect(a.sentiment.label).toBe('positive');
    const c = scoreText('Works great now, thanks!\n```js\nthrow new Error("fatal: kill process, terrible failure");\n```');
    const d = scoreText('Works great now, thanks!\n```js\nconsole.log("ok");\n```');
    expect(c).toEqual(d);
    expect(c.sentiment.label).toBe('positive');
    expect(scoreText('use `rm -rf` carefully')).toEqual(scoreText('use `ls` carefully'));
  });

  it('flags offensive posts and leaves polite ones alone', () => {
    for (const t of ['You are a fucking idiot, shut up', 'what a stupid bitch, go to hell', 'fuck you asshole']) {
      const s = scoreText(t);
      expectWellFormed(s);
      expect(isToxic(s), t).toBe(true);
    }
    for (const t of ['Thanks for sharing, this helped me a lot.', '谢谢分享，很有帮助。', 'Welcome to the forum, glad to have you here!']) {
      expect(isToxic(scoreText(t)), t).toBe(false);
    }
    expect(scoreText('you are a fucking idiot').toxicity.offensive).toBeGreaterThan(scoreText('you are a great teacher').toxicity.offensive);
  });
});

describe('hostile text', () => {
  it('scores HTML and scripts as text, without throwing', () => {
    for (const t of [
      '<script>alert(document.cookie)</script>',
      '<img src=x onerror="fetch(`//evil`)"><b>bold</b> &amp; &#128514; <!-- c -->',
      '<div><p>'.repeat(5000),
    ]) {
      expectWellFormed(scoreText(t));
    }
  });

  it('scores 100 kB posts from their first MAX_TEXT_CHARS characters', () => {
    const big = 'This is awful and useless. '.repeat(4000);
    expect(big.length).toBeGreaterThan(100_000);
    const s = scoreText(big);
    expectWellFormed(s);
    expect(s).toEqual(scoreText(big.slice(0, MAX_TEXT_CHARS)));
    expect(s.sentiment.label).toBe('negative');
    expectWellFormed(scoreText('好'.repeat(100_000)));
    expectWellFormed(scoreText('😂'.repeat(60_000)));
    expectWellFormed(scoreText('a'.repeat(100_000)));
  });

  it('scores unpaired surrogates, control characters and odd inputs', () => {
    for (const t of ['\uD800', '\uDC00abc\uD83D', 'great\uD800 post', '\u0000\u0001\u200b\uFEFF', '', '   ', '[CLS][PAD][UNK]', '\uFFFD'.repeat(100)]) {
      expectWellFormed(scoreText(t));
    }
    expect(scoreText('great\uD800 post')).toEqual(scoreText('great\uFFFD post'));
    for (const bad of [undefined, null, 42, {}, ['x']]) expectWellFormed(scoreText(bad as unknown as string));
  });
});

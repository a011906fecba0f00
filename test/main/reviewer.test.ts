// The settings reviewer against a real local chat-completions endpoint with injected faults: what it
// sends, verdicts, retries on 5xx/429/network errors, the per-attempt timeout aborting the fetch,
// unreadable replies becoming 'unsure', and the breaker failing fast once open.
import { afterEach, describe, expect, it } from 'vitest';
import { ChatReviewer, ReviewerUnavailableError } from '../../src-main/settings/reviewer';
import type { ChatReviewerOptions } from '../../src-main/settings/reviewer';
import { DEFAULT_SETTINGS, mergeChanges } from '../../src-main/settings/gate-rules';
import { SYSTEM_PROMPT, buildMessages, parseReviewReply } from '../../src-main/settings/reviewer-prompt';
import type { ReviewRequest } from '../../src-main/settings/reviewer-prompt';
import { ChatSim } from '../support/chat-sim';
import type { ChatReply } from '../support/chat-sim';

const REQUEST: ReviewRequest = {
  author: 'ana',
  reason: 'hub moved to a slower venue bridge',
  changed: ['requestTimeoutMs'],
  before: DEFAULT_SETTINGS,
  after: mergeChanges(DEFAULT_SETTINGS, { requestTimeoutMs: 8000 }),
  findings: [{ source: 'rule', rule: 'applies', severity: 'info', message: 'applies at the next start' }],
  hub: { requestTimeoutMs: 5000, maxRetries: 10, maxBackoffMs: 2000 },
  rollbackOf: null,
};

let sim: ChatSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setup(options: Partial<ChatReviewerOptions> = {}, ...replies: ChatReply[]): Promise<{ sim: ChatSim; reviewer: ChatReviewer }> {
  sim = await ChatSim.start();
  sim.queue(...replies);
  const reviewer = new ChatReviewer({ baseUrl: sim.baseUrl, model: 'review-model', apiKey: 'sk-test-secret', initialBackoffMs: 10, maxBackoffMs: 20, timeoutMs: 2000, ...options });
  return { sim, reviewer };
}

async function unavailable(promise: Promise<unknown>): Promise<ReviewerUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ReviewerUnavailableError);
  return error as ReviewerUnavailableError;
}

describe('ChatReviewer: requests and verdicts', () => {
  it('POSTs a chat completion with the model, temperature 0, JSON mode, the prompt and the Bearer key', async () => {
    const { sim, reviewer } = await setup({}, { kind: 'verdict', verdict: 'approve', reasons: ['longer than the hub', 'reason given'] });
    const review = await reviewer.review(REQUEST);
    expect(review).toMatchObject({ model: 'review-model', verdict: 'approve', text: 'longer than the hub\nreason given' });
    const [request] = sim.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.authorization).toBe('Bearer sk-test-secret');
    expect(request?.body).toMatchObject({ model: 'review-model', temperature: 0, response_format: { type: 'json_object' } });
    const messages = request?.body.messages as Array<{ role: string; content: string }>;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]?.content).toBe(SYSTEM_PROMPT);
    expect(messages[1]?.content).toContain('hub moved to a slower venue bridge');
    expect(messages[1]?.content).toContain('"requestTimeoutMs": 8000');
  });

  it.each([
    ['reject', ['turns off a safety check without a reason']],
    ['unsure', ['cannot judge the venue']],
  ] as const)('passes on a %s verdict with its reasons', async (verdict, reasons) => {
    const { reviewer } = await setup({}, { kind: 'verdict', verdict, reasons: [...reasons] });
    expect(await reviewer.review(REQUEST)).toMatchObject({ verdict, text: reasons.join('\n') });
  });

  it('sends no Authorization header without a key and never exposes the key in its config', async () => {
    const { sim, reviewer } = await setup({ apiKey: null, jsonMode: false });
    await reviewer.review(REQUEST);
    expect(sim.requests[0]?.authorization).toBeUndefined();
    expect(sim.requests[0]?.body.response_format).toBeUndefined();
    expect(reviewer.config).toEqual({ baseUrl: sim.baseUrl, model: 'review-model', apiKeySet: false });
    const keyed = new ChatReviewer({ baseUrl: `${sim.baseUrl}/`, model: 'm', apiKey: 'sk-test-secret' });
    expect(keyed.config.apiKeySet).toBe(true);
    expect(JSON.stringify(keyed.config)).not.toContain('sk-test-secret');
  });

  it.each<[string, ChatReply, RegExp]>([
    ['a body that is not a chat completion', { kind: 'body', body: '<html>gateway</html>' }, /unreadable reply: <html>gateway<\/html>/],
    ['content that is not JSON', { kind: 'content', content: 'Looks fine to me!' }, /unreadable verdict: Looks fine to me!/],
    ['a verdict outside the three', { kind: 'verdict', verdict: 'probably' }, /unreadable verdict: .*probably/],
  ])('reads %s as unsure, keeping the raw text', async (_name, reply, text) => {
    const { reviewer } = await setup({}, reply);
    const review = await reviewer.review(REQUEST);
    expect(review.verdict).toBe('unsure');
    expect(review.text).toMatch(text);
  });
});

describe('ChatReviewer: resilience', () => {
  it('retries 500, 429 and 503 with backoff and returns the verdict that finally came', async () => {
    const { sim, reviewer } = await setup(
      { retries: 3 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429 },
      { kind: 'status', status: 503 },
      { kind: 'verdict', verdict: 'approve' },
    );
    expect((await reviewer.review(REQUEST)).verdict).toBe('approve');
    expect(sim.requests).toHaveLength(4);
  });

  it('retries a dropped connection (network error)', async () => {
    const { sim, reviewer } = await setup({}, { kind: 'drop' }, { kind: 'verdict', verdict: 'reject' });
    expect((await reviewer.review(REQUEST)).verdict).toBe('reject');
    expect(sim.requests).toHaveLength(2);
  });

  it('gives up after its retries with a typed error', async () => {
    const { sim, reviewer } = await setup({ retries: 2 });
    sim.always({ kind: 'status', status: 502 });
    const error = await unavailable(reviewer.review(REQUEST));
    expect(error.reason).toBe('http');
    expect(error.message).toMatch(/HTTP 502/);
    expect(sim.requests).toHaveLength(3);
  });

  it('does not retry a refusal such as 401', async () => {
    const { sim, reviewer } = await setup({}, { kind: 'status', status: 401, body: '{"error":"bad key"}' });
    expect((await unavailable(reviewer.review(REQUEST))).message).toMatch(/HTTP 401/);
    expect(sim.requests).toHaveLength(1);
  });

  it('aborts a reply slower than the per-attempt timeout (cooperative: the fetch is cancelled) and does not retry it', async () => {
    const { sim, reviewer } = await setup({ timeoutMs: 200 }, { kind: 'slow', delayMs: 3000, then: { kind: 'verdict', verdict: 'approve' } });
    const error = await unavailable(reviewer.review(REQUEST));
    expect(error.reason).toBe('timeout');
    expect(error.message).toMatch(/no reply within 200 ms/);
    expect(sim.requests).toHaveLength(1);
    await expect.poll(() => sim.aborted).toBe(1);
  });

  it('reports an endpoint nobody listens on as a network failure', async () => {
    const { sim, reviewer } = await setup({ retries: 1 });
    await sim.close();
    expect((await unavailable(reviewer.review(REQUEST))).reason).toBe('network');
  });

  it('is cancelled by the caller without counting as a failure', async () => {
    const { reviewer } = await setup({ breakerThreshold: 1 }, { kind: 'slow', delayMs: 3000, then: { kind: 'verdict', verdict: 'approve' } });
    const controller = new AbortController();
    const pending = reviewer.review(REQUEST, controller.signal);
    setTimeout(() => controller.abort(), 50);
    expect((await unavailable(pending)).reason).toBe('cancelled');
    expect(reviewer.circuit()).toBe('closed');
  });

  it('opens the breaker after N consecutive failed attempts, fails fast while open, and closes after a good trial call', async () => {
    const { sim, reviewer } = await setup({ retries: 0, breakerThreshold: 3, halfOpenAfterMs: 300 });
    sim.always({ kind: 'status', status: 500 });
    for (let i = 0; i < 3; i++) expect((await unavailable(reviewer.review(REQUEST))).reason).toBe('http');
    expect(reviewer.circuit()).toBe('open');
    const fast = await unavailable(reviewer.review(REQUEST));
    expect(fast.reason).toBe('breaker-open');
    expect(sim.requests).toHaveLength(3);
    sim.always({ kind: 'verdict', verdict: 'approve' });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await reviewer.review(REQUEST)).verdict).toBe('approve');
    expect(reviewer.circuit()).toBe('closed');
  });
});

describe('reviewer prompt and reply parsing (pure)', () => {
  it('tells the reviewer the risks and asks for JSON; the user message carries before, after, reason and findings', () => {
    expect(SYSTEM_PROMPT).toMatch(/placeOrder must never be/);
    expect(SYSTEM_PROMPT).toMatch(/"verdict": "approve" \| "reject" \| "unsure"/);
    const user = JSON.parse(buildMessages({ ...REQUEST, reason: ' ', rollbackOf: 4 })[1]?.content.split('\n').slice(1).join('\n') ?? '{}') as Record<string, unknown>;
    expect(user).toMatchObject({
      reason: '(no reason given)',
      rollbackOfChange: 4,
      changed: ['requestTimeoutMs'],
      before: { requestTimeoutMs: null },
      after: { requestTimeoutMs: 8000 },
      hubTiming: { requestTimeoutMs: 5000 },
      builtInFindings: [{ severity: 'info', rule: 'applies' }],
    });
  });

  const completion = (content: string | null): string => JSON.stringify({ model: 'm1', choices: [{ message: { role: 'assistant', content } }] });
  it.each<[string, string, { model: string | null; verdict: string; text: string | RegExp }]>([
    ['plain JSON', completion('{"verdict":"approve","reasons":["ok"]}'), { model: 'm1', verdict: 'approve', text: 'ok' }],
    ['JSON in a fence', completion('```json\n{"verdict":"reject","reasons":"too short"}\n```'), { model: 'm1', verdict: 'reject', text: 'too short' }],
    ['JSON after prose', completion('Here you go: {"verdict":"unsure"} thanks'), { model: 'm1', verdict: 'unsure', text: '' }],
    ['null content', completion(null), { model: 'm1', verdict: 'unsure', text: /^unreadable verdict/ }],
    ['no choices', JSON.stringify({ choices: [] }), { model: null, verdict: 'unsure', text: /^unreadable reply/ }],
    ['not JSON', 'oops', { model: null, verdict: 'unsure', text: 'unreadable reply: oops' }],
  ])('%s', (_name, body, expected) => {
    const parsed = parseReviewReply(body);
    expect(parsed.model).toBe(expected.model);
    expect(parsed.verdict).toBe(expected.verdict);
    if (typeof expected.text === 'string') expect(parsed.text).toBe(expected.text);
    else expect(parsed.text).toMatch(expected.text);
  });

  it('cuts a huge raw reply before it is stored', () => {
    expect(parseReviewReply('x'.repeat(10_000)).text.length).toBeLessThan(4100);
  });
});

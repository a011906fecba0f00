// The settings reviewer: an OpenAI-compatible chat-completions call, made resilient with cockatiel
// (per-attempt cooperative timeout, retries with backoff on network errors, 5xx and 429, a breaker).
// It only gives an opinion; the gate decides. It never sees or returns the API key to callers.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import type { Logger } from 'pino';
import type { ReviewerConfig, ReviewerVerdict } from '../../src-shared/domain/settings';
import { buildMessages, parseReviewReply } from './reviewer-prompt';
import type { ReviewRequest } from './reviewer-prompt';

export type Review = NonNullable<ReviewerVerdict>;

export interface ReviewerClient {
  readonly config: ReviewerConfig;
  /** The reviewer's verdict; throws ReviewerUnavailableError when none could be had. */
  review(request: ReviewRequest, signal?: AbortSignal): Promise<Review>;
}

export interface ChatReviewerOptions {
  /** Up to and including the API version, e.g. https://api.openai.com/v1; /chat/completions is appended. */
  baseUrl: string;
  model: string;
  /** Sent as a Bearer token; absent for local servers that need none. */
  apiKey?: string | null;
  /** Per attempt, cooperative: the fetch is aborted. Default 10 s. */
  timeoutMs?: number;
  /** Retries after the first attempt, on network errors, 5xx and 429. Default 2. */
  retries?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive failed attempts that open the breaker. Default 5. */
  breakerThreshold?: number;
  /** How long the breaker stays open before one trial call. Default 30 s. */
  halfOpenAfterMs?: number;
  /** Ask for response_format json_object; turn off for servers that refuse it. Default true. */
  jsonMode?: boolean;
  logger?: Logger;
}

export const REVIEWER_DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  initialBackoffMs: 250,
  maxBackoffMs: 2000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
} as const;

export type UnavailableCause = 'breaker-open' | 'timeout' | 'http' | 'network' | 'cancelled';

/** No verdict could be had: the gate holds the change for a second person. */
export class ReviewerUnavailableError extends Error {
  readonly code = 'REVIEWER_UNAVAILABLE';
  override name = 'ReviewerUnavailableError';

  constructor(
    readonly reason: UnavailableCause,
    message: string,
  ) {
    super(message);
  }
}

/** One attempt's failure; `retryable` when asking again may help (the call is idempotent). */
class AttemptFailure extends Error {
  constructor(
    readonly kind: Exclude<UnavailableCause, 'breaker-open'>,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const CIRCUIT: Record<CircuitState, 'closed' | 'open' | 'half-open' | 'isolated'> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

export class ChatReviewer implements ReviewerClient {
  readonly config: ReviewerConfig;
  private readonly url: string;
  private readonly timeoutMs: number;
  private readonly breaker;
  private readonly policy;

  constructor(private readonly options: ChatReviewerOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    this.url = `${base}/chat/completions`;
    this.config = { baseUrl: base, model: options.model, apiKeySet: Boolean(options.apiKey) };
    this.timeoutMs = options.timeoutMs ?? REVIEWER_DEFAULTS.timeoutMs;
    const maxBackoffMs = options.maxBackoffMs ?? REVIEWER_DEFAULTS.maxBackoffMs;
    // A slow reviewer is not retried: the attempt timeout is what the proposer waits, not a multiple.
    const retries = retry(
      handleWhen((error) => error instanceof AttemptFailure && error.retryable),
      {
        maxAttempts: options.retries ?? REVIEWER_DEFAULTS.retries,
        backoff: new ExponentialBackoff({ initialDelay: Math.min(options.initialBackoffMs ?? REVIEWER_DEFAULTS.initialBackoffMs, maxBackoffMs), maxDelay: maxBackoffMs }),
      },
    );
    retries.dangerouslyUnref();
    // Every failed attempt counts towards opening, except the caller cancelling.
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof AttemptFailure && error.kind !== 'cancelled'),
      {
        halfOpenAfter: options.halfOpenAfterMs ?? REVIEWER_DEFAULTS.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(options.breakerThreshold ?? REVIEWER_DEFAULTS.breakerThreshold),
      },
    );
    const perAttempt = timeout(this.timeoutMs, TimeoutStrategy.Cooperative);
    retries.onRetry((event) => {
      const error = 'error' in event ? event.error : undefined;
      options.logger?.warn({ attempt: event.attempt, delayMs: Math.round(event.delay), error: error?.message }, 'settings reviewer: retrying');
    });
    this.breaker.onBreak(() => options.logger?.warn('settings reviewer: circuit open'));
    this.breaker.onReset(() => options.logger?.info('settings reviewer: circuit closed'));
    // Retry outside the breaker: once it opens, the remaining retries fail at once.
    this.policy = wrap(retries, this.breaker, perAttempt);
  }

  circuit(): 'closed' | 'open' | 'half-open' | 'isolated' {
    return CIRCUIT[this.breaker.state];
  }

  async review(request: ReviewRequest, signal?: AbortSignal): Promise<Review> {
    const body = JSON.stringify({
      model: this.options.model,
      messages: buildMessages(request),
      temperature: 0,
      ...(this.options.jsonMode === false ? {} : { response_format: { type: 'json_object' } }),
    });
    const started = performance.now();
    let text: string;
    try {
      text = await this.policy.execute(({ signal: attemptSignal }) => this.attempt(body, attemptSignal, signal), signal);
    } catch (error) {
      throw this.unavailable(error);
    }
    const parsed = parseReviewReply(text);
    return { model: parsed.model ?? this.options.model, verdict: parsed.verdict, text: parsed.text, latencyMs: Math.round(performance.now() - started) };
  }

  private async attempt(body: string, attemptSignal: AbortSignal, caller: AbortSignal | undefined): Promise<string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url, { method: 'POST', headers, body, signal: attemptSignal });
      text = await response.text();
    } catch (error) {
      if (caller?.aborted) throw new AttemptFailure('cancelled', 'the review was cancelled', false);
      if (attemptSignal.aborted) throw new AttemptFailure('timeout', `no reply within ${this.timeoutMs} ms`, false);
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new AttemptFailure('network', `${error instanceof Error ? error.message : String(error)}${cause}`, true);
    }
    if (response.status === 429 || response.status >= 500) throw new AttemptFailure('http', `HTTP ${response.status} ${text.slice(0, 200)}`, true);
    if (!response.ok) throw new AttemptFailure('http', `HTTP ${response.status} ${text.slice(0, 200)}`, false);
    return text;
  }

  private unavailable(error: unknown): ReviewerUnavailableError {
    const where = `settings reviewer at ${this.config.baseUrl}`;
    if (error instanceof BrokenCircuitError) return new ReviewerUnavailableError('breaker-open', `${where} is not asked: it failed repeatedly (circuit open)`);
    if (error instanceof AttemptFailure) return new ReviewerUnavailableError(error.kind, `${where}: ${error.message}`);
    return new ReviewerUnavailableError('network', `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

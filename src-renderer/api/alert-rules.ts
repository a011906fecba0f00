// The alert rule editor's command: sends one rule's new threshold or on/off switch to main and
// records the outcome in the alerts store (main's rule on success, its refusal otherwise).
import type { StoreApi } from 'zustand/vanilla';
import type { AlertRuleId } from '../../src-shared/domain/alerts';
import type { AlertsState } from '../stores/alerts';
import { failRuleSave, finishRuleSave, startRuleSave } from '../stores/alerts';
import type { RendererBridge } from './bridge';
import { log } from './log';

export interface RuleChange {
  readonly threshold?: number;
  readonly enabled?: boolean;
}

/** What the view may ask: the only command that changes a rule. */
export interface AlertRulesCommand {
  /** Resolves true when main took the change; a save already on its way for the rule is not doubled. */
  save(id: AlertRuleId, change: RuleChange): Promise<boolean>;
}

export class AlertRulesEditor implements AlertRulesCommand {
  private readonly bridge: RendererBridge;
  private readonly store: StoreApi<AlertsState>;
  private disposed = false;

  constructor(bridge: RendererBridge, store: StoreApi<AlertsState>) {
    this.bridge = bridge;
    this.store = store;
  }

  async save(id: AlertRuleId, change: RuleChange): Promise<boolean> {
    // The store is the guard: setState is synchronous, so a double click cannot send twice.
    if (this.disposed || this.store.getState().saving.has(id)) return false;
    this.store.setState((state) => startRuleSave(state, id));
    const reply = await this.bridge.invoke('alerts:setRule', { id, ...change });
    if (this.disposed) return false;
    if (!reply.ok) {
      log.warn(`rule ${id} not saved (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failRuleSave(state, id, reply.error));
      return false;
    }
    this.store.setState((state) => finishRuleSave(state, reply.result));
    return true;
  }

  dispose(): void {
    this.disposed = true;
  }
}

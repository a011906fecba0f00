// The order ticket form: checks the ticket at its fields before anything is sent, sends it once
// with the id main issued, and shows main's answer (a held order with Send anyway / Drop). While
// main reconciles orders with the hub, Buy and Sell are off. The rules live in ticket-form.ts.
import { useId, useRef, useState } from 'react';
import type { Side } from '../../../src-shared/domain/account';
import type { OrderType } from '../../../src-shared/domain/order';
import type { TicketErrors, TicketField } from '../../../src-shared/domain/ticket-checks';
import { useChecks, useMarket } from '../../app-context';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { isReconciling } from '../../stores/checks';
import { SideButtons } from './SideButtons';
import { TicketFeedback } from './TicketFeedback';
import type { Feedback } from './TicketFeedback';
import { checkDraft, describeOrderError, describePlaced, initialInputs, prepareOrder, toDraft } from './ticket-form';
import type { BadInputs, TicketInputs } from './ticket-form';
import { useOrderTicket } from './useOrderTicket';

type Texts = Omit<TicketInputs, 'symbol'>;

const FIELD_ORDER: readonly TicketField[] = ['symbol', 'volume', 'price', 'sl', 'tp'];
const TYPES: readonly { value: OrderType; label: string }[] = [
  { value: 'market', label: 'Market' },
  { value: 'limit', label: 'Limit' },
  { value: 'stop', label: 'Stop' },
];

function without(errors: TicketErrors, field: TicketField): TicketErrors {
  const next = { ...errors };
  delete next[field];
  return next;
}

export function OrderTicket(props: { symbol: string; onSymbolChange: (symbol: string) => void }) {
  const { symbol } = props;
  const symbols = useMarket((state) => state.symbols);
  const spec = useMarket((state) => state.specs.get(symbol));
  const quote = useMarket((state) => state.quotes.get(symbol));
  const { ticket, submitting, place, renew } = useOrderTicket();
  const reconciling = useChecks(isReconciling);
  const reconcilingId = useId();

  const [texts, setTexts] = useState<Texts>(initialInputs);
  // Checks run on the first Buy/Sell, then on every edit so a fixed field clears at once.
  const [attempted, setAttempted] = useState(false);
  const [localErrors, setLocalErrors] = useState<TicketErrors>({});
  const [serverErrors, setServerErrors] = useState<TicketErrors>({});
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const errors: TicketErrors = { ...serverErrors, ...localErrors };

  const refs = {
    symbol: useRef<HTMLSelectElement>(null),
    volume: useRef<HTMLInputElement>(null),
    price: useRef<HTMLInputElement>(null),
    sl: useRef<HTMLInputElement>(null),
    tp: useRef<HTMLInputElement>(null),
  };

  // A number input holding text it cannot read reports '' as its value; only validity tells.
  const badInputs = (): BadInputs => ({
    volume: refs.volume.current?.validity.badInput,
    price: refs.price.current?.validity.badInput,
    sl: refs.sl.current?.validity.badInput,
    tp: refs.tp.current?.validity.badInput,
  });

  const recheck = (nextTexts: Texts, nextSymbol: string) => {
    if (!attempted) return;
    const nextSpec = symbols.find((s) => s.symbol === nextSymbol);
    setLocalErrors(checkDraft(toDraft({ ...nextTexts, symbol: nextSymbol }, 'buy', badInputs()), nextSpec));
  };

  const edit = (patch: Partial<Texts>, field: TicketField) => {
    const next = { ...texts, ...patch };
    setTexts(next);
    setServerErrors((current) => without(current, field));
    recheck(next, symbol);
  };

  const changeSymbol = (next: string) => {
    props.onSymbolChange(next);
    setServerErrors((current) => without(current, 'symbol'));
    recheck(texts, next);
  };

  const focusFirst = (found: TicketErrors) => {
    const field = FIELD_ORDER.find((name) => found[name] !== undefined);
    if (field) refs[field].current?.focus();
  };

  const submit = async (side: Side) => {
    if (ticket.state !== 'ready' || submitting || reconciling) return;
    setAttempted(true);
    setServerErrors({});
    const prepared = prepareOrder(ticket.clientOrderId, { ...texts, symbol }, side, spec, badInputs());
    if (!prepared.ok) {
      setLocalErrors(prepared.errors);
      setFeedback(null);
      focusFirst(prepared.errors);
      return;
    }
    setLocalErrors({});
    const order = prepared.ticket;
    setFeedback({ kind: 'sending', message: `Sending ${side} ${order.volume} ${order.symbol}…` });
    const result = await place(order);
    if (!result) return;
    if (result.ok) {
      setAttempted(false);
      setFeedback({ kind: 'ok', message: describePlaced(result.result) });
      return;
    }
    const view = describeOrderError(result.error, order.clientOrderId);
    setServerErrors(view.fields);
    setFeedback(
      view.heldId !== undefined
        ? { kind: 'held', clientOrderId: view.heldId, message: view.message }
        : { kind: 'error', message: view.message },
    );
    focusFirst(view.fields);
  };

  const isMarket = texts.type === 'market';
  const numberProps = { type: 'number', inputMode: 'decimal', autoComplete: 'off' } as const;
  const priceStep = spec ? 10 ** -spec.digits : 'any';

  return (
    <Panel title="New order" className="ticket-panel">
      {/* Enter must not place an order: Buy and Sell are plain buttons and the form never submits. */}
      <form aria-label="Order ticket" className="ticket" noValidate onSubmit={(event) => event.preventDefault()}>
        <div className="ticket-row">
          <Field label="Symbol" error={errors.symbol}>
            {(control) => (
              <select {...control} ref={refs.symbol} value={symbol} onChange={(e) => changeSymbol(e.currentTarget.value)}>
                {symbols.length === 0 ? <option value="">No symbols yet</option> : null}
                {symbols.map((s) => (
                  <option key={s.symbol} value={s.symbol}>
                    {s.symbol}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Type">
            {(control) => (
              <select
                {...control}
                value={texts.type}
                onChange={(e) => edit({ type: e.currentTarget.value as OrderType }, 'price')}
              >
                {TYPES.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="ticket-row">
          <Field
            label="Volume"
            hint={spec ? `Lots ${spec.minVolume}–${spec.maxVolume}, step ${spec.volumeStep}` : undefined}
            error={errors.volume}
          >
            {(control) => (
              <input
                {...control}
                {...numberProps}
                ref={refs.volume}
                min={spec?.minVolume}
                max={spec?.maxVolume}
                step={spec?.volumeStep ?? 'any'}
                value={texts.volume}
                onChange={(e) => edit({ volume: e.currentTarget.value }, 'volume')}
              />
            )}
          </Field>
          <Field label="Price" hint={isMarket ? 'Market orders fill at the current price.' : undefined} error={errors.price}>
            {(control) => (
              <input
                {...control}
                {...numberProps}
                ref={refs.price}
                disabled={isMarket}
                min={0}
                step={priceStep}
                value={texts.price}
                onChange={(e) => edit({ price: e.currentTarget.value }, 'price')}
              />
            )}
          </Field>
        </div>
        <div className="ticket-row">
          <Field label="Stop loss" hint="Optional" error={errors.sl}>
            {(control) => (
              <input
                {...control}
                {...numberProps}
                ref={refs.sl}
                min={0}
                step={priceStep}
                value={texts.sl}
                onChange={(e) => edit({ sl: e.currentTarget.value }, 'sl')}
              />
            )}
          </Field>
          <Field label="Take profit" hint="Optional" error={errors.tp}>
            {(control) => (
              <input
                {...control}
                {...numberProps}
                ref={refs.tp}
                min={0}
                step={priceStep}
                value={texts.tp}
                onChange={(e) => edit({ tp: e.currentTarget.value }, 'tp')}
              />
            )}
          </Field>
        </div>

        {/* A status, not an alert: it is expected at start-up and clears by itself. */}
        <p id={reconcilingId} role="status" className={reconciling ? 'ticket-reconciling' : 'visually-hidden'}>
          {reconciling ? 'Reconciling orders with the hub: Buy and Sell are off until it is done.' : ''}
        </p>
        <SideButtons
          quote={quote}
          digits={spec?.digits}
          disabled={submitting || ticket.state !== 'ready' || reconciling}
          describedBy={reconciling ? reconcilingId : undefined}
          onSide={(side) => void submit(side)}
        />

        <p className="ticket-id">
          {ticket.state === 'ready' ? <>Ticket {ticket.clientOrderId}</> : null}
          {ticket.state === 'creating' ? <>Getting a ticket id…</> : null}
          {ticket.state === 'failed' ? (
            <>
              {ticket.message}{' '}
              <button type="button" className="btn-link" onClick={renew}>
                New ticket
              </button>
            </>
          ) : null}
        </p>
        {feedback ? <TicketFeedback feedback={feedback} onChange={setFeedback} /> : null}
      </form>
    </Panel>
  );
}

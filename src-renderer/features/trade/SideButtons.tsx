// Sell at the bid, Buy at the ask, with the selected symbol's live prices beside each button
// (outside the buttons, so their accessible names stay exactly "Sell" and "Buy").
import type { Side } from '../../../src-shared/domain/account';
import type { Quote } from '../../../src-shared/domain/market';
import { formatPrice, formatSpread } from '../../components/format';

export interface SideButtonsProps {
  quote: Quote | undefined;
  digits: number | undefined;
  disabled: boolean;
  /** Why the buttons are off, when the reason is shown elsewhere (the id of that text). */
  describedBy?: string | undefined;
  onSide: (side: Side) => void;
}

export function SideButtons({ quote, digits, disabled, describedBy, onSide }: SideButtonsProps) {
  return (
    <div className="ticket-sides">
      <div className="side ticket-sell">
        <span className="side-label">Bid</span>
        <span className="side-price">{formatPrice(quote?.bid, digits)}</span>
        <button
          type="button"
          className="btn btn-sell"
          disabled={disabled}
          aria-describedby={describedBy}
          onClick={() => onSide('sell')}
        >
          Sell
        </button>
      </div>
      <div className="spread" title="Spread in points">
        {quote && digits !== undefined ? formatSpread(quote.bid, quote.ask, digits) : '—'}
        <span className="spread-unit">pts</span>
      </div>
      <div className="side ticket-buy">
        <span className="side-label">Ask</span>
        <span className="side-price">{formatPrice(quote?.ask, digits)}</span>
        <button
          type="button"
          className="btn btn-buy"
          disabled={disabled}
          aria-describedby={describedBy}
          onClick={() => onSide('buy')}
        >
          Buy
        </button>
      </div>
    </div>
  );
}

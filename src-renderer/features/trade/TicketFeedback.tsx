// What the ticket says after Buy or Sell: sending, main's confirmation, a failure (an alert), or a
// held order awaiting Send anyway / Drop, which settles into a confirmation or a failure.
import { HeldOrderAlert } from './HeldOrderAlert';

export type Feedback =
  | { kind: 'sending' | 'ok' | 'error'; message: string }
  | { kind: 'held'; clientOrderId: string; message: string };

export function TicketFeedback({ feedback, onChange }: { feedback: Feedback; onChange: (next: Feedback) => void }) {
  switch (feedback.kind) {
    case 'held':
      return <HeldOrderAlert clientOrderId={feedback.clientOrderId} message={feedback.message} onSettled={onChange} />;
    case 'error':
      return (
        <p role="alert" className="feedback feedback-error">
          {feedback.message}
        </p>
      );
    default:
      return (
        <p role="status" className={`feedback feedback-${feedback.kind}`}>
          {feedback.message}
        </p>
      );
  }
}

// "Your name": who proposes, confirms and rolls back, kept between sessions. A name, not a sign-in:
// the note says so, since anyone can type any name until roles arrive (issue 7).
import { useId } from 'react';
import { useSettings, useSettingsCommand } from '../../app-context';

export function AuthorField() {
  const command = useSettingsCommand();
  const author = useSettings((state) => state.author);
  const id = useId();
  return (
    <div className="settings-author">
      <label htmlFor={id}>Your name</label>
      <input
        id={id}
        type="text"
        autoComplete="name"
        maxLength={200}
        aria-describedby={`${id}-note`}
        value={author}
        onChange={(event) => command.setAuthor(event.target.value)}
      />
      <p id={`${id}-note`} className="muted settings-note">
        Recorded with each change you propose, confirm or roll back, beside the token id the audit trail keeps. A name, not a sign-in: the link you opened decides what you may do.
      </p>
    </div>
  );
}
